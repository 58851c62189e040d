import { runEvalCommand } from '../src/cli/eval-command.js'
import { runAsProcess } from '../src/cli/io.js'

runAsProcess('eval', runEvalCommand)
