import { Command } from 'commander'
import type { PrismaClient, QuoteDecision } from '../db/prisma.js'
import { inProcessExtractor } from '../ingest/extractor.js'
import { correctQuote, revokeQuoteDecision, type CorrectionOutcome, type QuoteCorrection } from '../ingest/quote-corrections.js'
import { personNow } from '../ingest/quote-decisions.js'
import { openCommandDatabase, parseArgs, type CliIO } from './io.js'

const DECISION_HELP = `Editors' corrections of single quotes. Each is stored as a decision, takes effect at once, and is
applied again whenever the article is re-ingested or re-extracted (to the quote whose span overlaps the
decided one by at least half of the shorter, or whose text is the same). A person is named by slug or id
and followed through merges and renames; an organisation by its slug (GET /organizations).

examples:
  newsdesk quotes reassign 4427f5d134f73434 --person yuri-ushakov --note "Ushakov said it, not Putin"
  newsdesk quotes reassign 4427f5d134f73434 --organization kremlin
  newsdesk quotes reject 4427f5d134f73434 --note "a headline, not a quote"
  newsdesk quotes decisions
  newsdesk quotes revoke 3`

type Action = { kind: 'correct'; correction: QuoteCorrection } | { kind: 'list' } | { kind: 'revoke'; seq: string }

/** Why a correction was not made, in the words of one error line. */
const refusal = (c: QuoteCorrection, o: Exclude<CorrectionOutcome, { status: 'decided' }>) =>
  o.status === 'no-quote'
    ? `no quote "${c.quote}"`
    : o.status === 'rejected'
      ? `quote "${c.quote}" was rejected as not a quote by decision ${o.decision} (revoke it first: newsdesk quotes revoke ${o.decision})`
      : o.status === 'no-person'
        ? `no person "${'person' in c ? c.person : ''}"`
        : `no organisation "${'organization' in c ? c.organization : ''}"`

/** `newsdesk quotes <reassign|reject|decisions|revoke>`: editors correct single quotes. */
export async function runQuotesCommand(argv: string[], io: CliIO): Promise<number> {
  let action: Action | null = null
  let usage: string | null = null
  const program = new Command('quotes')
    .description('Correct single quotes: give one another speaker, or say it is not a quote; list or revoke decisions')
    .addHelpText('after', `\n${DECISION_HELP}`)
  program
    .option('--database <url>', 'SQLite file: URL or path, or postgresql:// URL (default: DATABASE_URL, else ./data/newsdesk.db)')
    .option('--json', 'print JSON')
  program
    .command('reassign <quote>')
    .description('give quote <quote> (its id) another speaker: a person or an organisation')
    .option('--person <person>', 'the person who said it (slug or id)')
    .option('--organization <slug>', 'the organisation or group that said it')
    .option('--note <text>', "the editor's reason")
    .action((quote: string, o: { person?: string; organization?: string; note?: string }) => {
      if ((o.person === undefined) === (o.organization === undefined)) usage = 'quotes reassign: give one of --person or --organization'
      else
        action = {
          kind: 'correct',
          correction:
            o.person !== undefined
              ? { quote, kind: 'reassign', person: o.person, note: o.note }
              : { quote, kind: 'reassign', organization: o.organization!, note: o.note },
        }
    })
  program
    .command('reject <quote>')
    .description('say quote <quote> (its id) is not a quote: it leaves every list and count')
    .option('--note <text>', "the editor's reason")
    .action((quote: string, o: { note?: string }) => {
      action = { kind: 'correct', correction: { quote, kind: 'reject', note: o.note } }
    })
  program
    .command('decisions')
    .description('list the stored quote decisions, oldest first')
    .action(() => {
      action = { kind: 'list' }
    })
  program
    .command('revoke <n>')
    .description('remove decision number <n> (see decisions) and extract its article again')
    .action((seq: string) => {
      action = { kind: 'revoke', seq }
    })
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  if (usage !== null || action === null) {
    io.err(usage ?? 'quotes: give a subcommand (see --help)')
    return 2
  }
  const todo = action as Action
  const opts = program.opts<{ database?: string; json?: boolean }>()
  const prisma = await openCommandDatabase('quotes', opts.database, io)
  if (!prisma) return 2
  try {
    if (todo.kind === 'list') return await listDecisions(prisma, io, !!opts.json)
    if (todo.kind === 'revoke') {
      const seq = /^\d{1,15}$/.test(todo.seq) ? Number(todo.seq) : null
      const revoked = seq === null ? null : await revokeQuoteDecision(prisma, seq, inProcessExtractor)
      if (!revoked) {
        io.err(`quotes revoke: no decision number ${todo.seq} (see: newsdesk quotes decisions)`)
        return 1
      }
      io.out(
        opts.json
          ? JSON.stringify({ revoked: revoked.seq })
          : `revoked decision ${revoked.seq}; article ${revoked.articleId} extracted again`,
      )
      return 0
    }
    const c = todo.correction
    const outcome = await correctQuote(prisma, c)
    if (outcome.status !== 'decided') {
      io.err(`quotes ${c.kind}: ${refusal(c, outcome)}`)
      return 1
    }
    const { decision } = outcome
    if (opts.json) io.out(JSON.stringify(await decisionJson(prisma, decision)))
    else io.out(`decision ${decision.seq}: quote ${decision.quoteId} ${what(decision, outcome.person)}`)
    return 0
  } finally {
    await prisma.$disconnect()
  }
}

/** What a decision says, after "quote <id>". */
const what = (d: QuoteDecision, person: { slug: string; name: string } | null) =>
  d.kind === 'reject'
    ? 'is not a quote'
    : d.personId !== null
      ? `is said by ${person ? `${person.name} (${person.slug})` : `person ${d.personId} (gone)`}`
      : `is said by ${d.speakerName} (organisation ${d.speakerKey})`

/** A decision as GET /quotes/decisions gives it. */
async function decisionJson(prisma: PrismaClient, d: QuoteDecision) {
  const person = d.personId === null ? null : await personNow(prisma, d.personId)
  return {
    seq: d.seq,
    kind: d.kind,
    quote: { id: d.quoteId, article: { id: d.articleId }, start: d.contentStart, end: d.contentEnd, content: d.content },
    speaker:
      d.kind === 'reject'
        ? null
        : { person, organization: d.speakerKey ? { slug: d.speakerKey, name: d.speakerName ?? d.speakerKey } : null },
    note: d.note,
    createdAt: d.createdAt.toISOString(),
  }
}

async function listDecisions(prisma: PrismaClient, io: CliIO, json: boolean): Promise<number> {
  const rows = await prisma.quoteDecision.findMany({ orderBy: { seq: 'asc' } })
  for (const d of rows) {
    if (json) io.out(JSON.stringify(await decisionJson(prisma, d)))
    else {
      const person = d.personId === null ? null : await personNow(prisma, d.personId)
      const note = d.note ? `  (${d.note})` : ''
      io.out(`${String(d.seq).padStart(4)}  ${d.createdAt.toISOString().slice(0, 19)}Z  quote ${d.quoteId} ${what(d, person)}${note}`)
    }
  }
  if (!json && rows.length === 0) io.out('no decisions')
  return 0
}
