import { runIngestCommand } from '../src/cli/ingest-command.js'
import { runAsProcess } from '../src/cli/io.js'

runAsProcess('ingest', runIngestCommand)
