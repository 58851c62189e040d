import { Command } from 'commander'
import type { PrismaClient } from '../db/prisma.js'
import { inWriteTransaction } from '../db/writer.js'
import { ORGANIZATION_DECISION_KINDS, organizationKeyNow, rekeyOrganizations } from '../ingest/organization-keys.js'
import { slugOf } from '../speakers/speaker-key.js'
import { openCommandDatabase, parseArgs, type CliIO } from './io.js'
import { listDecisions } from './people-command.js'

type Decision = { kind: 'organization-merge' | 'organization-rename'; organization: string; into: string; name?: string }
type Action = { kind: 'decide'; decision: Decision } | { kind: 'list' } | { kind: 'revoke'; seq: number }

const DECISION_HELP = `Editors' corrections of which organisation is which. Each is stored as a decision beside the
people's (newsdesk people decisions), applied whenever quotes are written (ingest, re-extraction,
relink), and takes effect at once. Organisations are named by slug (GET /organizations).

examples:
  newsdesk organizations merge cbi confederation-of-british-industry
  newsdesk organizations rename labor-party "Australian Labor Party"
  newsdesk organizations decisions
  newsdesk organizations revoke 3`

const kinds = { in: [...ORGANIZATION_DECISION_KINDS] }

/** `newsdesk organizations <merge|rename|decisions|revoke>`: editors correct which organisation is which. */
export async function runOrganizationsCommand(argv: string[], io: CliIO): Promise<number> {
  let action: Action | null = null
  const program = new Command('organizations')
    .description('Correct which organisation is which: merge, rename; list or revoke decisions')
    .addHelpText('after', `\n${DECISION_HELP}`)
  program
    .option('--database <url>', 'SQLite file: URL or path, or postgresql:// URL (default: DATABASE_URL, else ./data/newsdesk.db)')
    .option('--json', 'print JSON')
  program
    .command('merge <organization> <into>')
    .description('file every quote of <organization> under <into>; <organization> redirects to <into>')
    .action((organization: string, into: string) => {
      action = { kind: 'decide', decision: { kind: 'organization-merge', organization, into } }
    })
  program
    .command('rename <organization> <name>')
    .description('give <organization> another name (and slug; the old one redirects)')
    .action((organization: string, name: string) => {
      // the new slug is kept with the decision, so that readers need not know the slug rules
      action = { kind: 'decide', decision: { kind: 'organization-rename', organization, name, into: slugOf(name) } }
    })
  program
    .command('decisions')
    .description('list the stored organisation decisions, oldest first')
    .action(() => {
      action = { kind: 'list' }
    })
  program
    .command('revoke <n>')
    .description('remove organisation decision number <n> (see decisions)')
    .action((n: string) => {
      action = { kind: 'revoke', seq: Number(n) }
    })
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  if (action === null) {
    io.err('organizations: give a subcommand (see --help)')
    return 2
  }
  const act = action as Action
  const opts = program.opts<{ database?: string; json?: boolean }>()
  const prisma = await openCommandDatabase('organizations', opts.database, io)
  if (!prisma) return 2
  try {
    if (act.kind === 'list')
      return await listDecisions(prisma, io, !!opts.json, kinds, (r) =>
        r.kind === 'organization-merge'
          ? `merge organisation ${r.person} into ${r.into}`
          : `rename organisation ${r.person} to "${r.name}"`,
      )
    if (act.kind === 'revoke') {
      const removed = Number.isInteger(act.seq)
        ? await prisma.identityDecision.deleteMany({ where: { seq: act.seq, kind: kinds } })
        : { count: 0 }
      if (removed.count === 0) {
        io.err(`organizations: no organisation decision number ${act.seq} (see: newsdesk organizations decisions)`)
        return 1
      }
    } else {
      const problem = await checkDecision(prisma, act.decision)
      if (problem) {
        io.err(`organizations ${act.decision.kind.replace('organization-', '')}: ${problem}`)
        return 1
      }
      const d = act.decision
      await prisma.identityDecision.create({
        data: { kind: d.kind, person: d.organization, into: d.into, name: d.name ?? null },
      })
    }
    const rekeyed = await inWriteTransaction(prisma, rekeyOrganizations, { timeout: 600_000, maxWait: 60_000 })
    io.out(
      opts.json
        ? JSON.stringify({ rekeyed })
        : `organisations: ${rekeyed} quote${rekeyed === 1 ? '' : 's'} filed under another organisation`,
    )
    return 0
  } finally {
    await prisma.$disconnect()
  }
}

/** Names organisations by the key their quotes are filed under now; returns why the decision cannot be made, if so. */
async function checkDecision(prisma: PrismaClient, d: Decision): Promise<string | null> {
  const organization = await organizationKeyNow(prisma, d.organization)
  if (!organization) return `no organisation "${d.organization}"`
  d.organization = organization
  if (d.kind === 'organization-rename') return d.into ? null : `"${d.name}" is not a name`
  const into = await organizationKeyNow(prisma, d.into)
  if (!into) return `no organisation "${d.into}"`
  if (into === organization) return `"${d.organization}" and "${d.into}" are one organisation already`
  d.into = into
  return null
}
