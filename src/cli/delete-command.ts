import { Command } from 'commander'
import { inProcessExtractor } from '../ingest/extractor.js'
import { createArticleWriter } from '../ingest/write.js'
import { openCommandDatabase, parseArgs, type CliIO } from './io.js'

/** `newsdesk delete <id...>`: removes articles with their quotes and mentions; people are recounted. */
export async function runDeleteCommand(argv: string[], io: CliIO): Promise<number> {
  const program = new Command('delete')
    .description('Remove articles (by id) with their quotes and mentions; their people are recounted')
    .argument('<ids...>', 'article ids, as /articles gives them')
    .option('--database <url>', 'SQLite file: URL or path, or postgresql:// URL (default: DATABASE_URL, else ./data/newsdesk.db)')
    .option('--json', 'print one JSON object per id')
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  const opts = program.opts<{ database?: string; json?: boolean }>()
  const prisma = await openCommandDatabase('delete', opts.database, io)
  if (!prisma) return 2
  try {
    const writer = createArticleWriter(prisma, inProcessExtractor)
    let missing = 0
    for (const id of program.args) {
      const deleted = await writer.delete(id)
      if (!deleted) missing++
      if (opts.json) io.out(JSON.stringify({ id, status: deleted ? 'deleted' : 'not found' }))
      else if (deleted) io.out(`deleted    ${id}`)
      else io.err(`not found  ${id}`)
    }
    return missing > 0 ? 1 : 0
  } finally {
    await prisma.$disconnect()
  }
}
