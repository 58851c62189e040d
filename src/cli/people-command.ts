import { Command } from 'commander'
import type { PrismaClient } from '../db/prisma.js'
import { slugify } from '../ingest/identity.js'
import { ORGANIZATION_DECISION_KINDS } from '../ingest/organization-keys.js'
import { relink } from '../ingest/relink.js'
import { kindPhrase, type RecordKind } from '../identity/personhood.js'
import { refreshPeople } from '../ingest/people-counts.js'
import { inWriteTransaction } from '../db/writer.js'
import { describeRelink } from './ingest-command.js'
import { openCommandDatabase, parseArgs, type CliIO } from './io.js'

type Decision = {
  kind: 'merge' | 'split' | 'rename' | 'not-a-person' | 'is-a-person'
  person: string
  into?: string
  name?: string
  articles?: string[]
}

const DECISION_HELP = `Editors' corrections of who is who. Each is stored as a decision, applied by every relink (so it
survives re-extraction and new articles), and takes effect at once. People are named by slug or id.

examples:
  newsdesk people merge mr-blair tony-blair
  newsdesk people split brown --articles 3f2a9c0d1e2b4a5c --as "Wes Brown"
  newsdesk people rename julie-cristie "Julie Christie"
  newsdesk people not-a-person chelsea
  newsdesk people is-a-person madonna
  newsdesk people decisions

Records whose articles show they are not people (an organisation, a place, a work, a common word)
are demoted automatically (docs/identity.md); \`decisions\` lists them after the editors' decisions,
and \`is-a-person\` keeps one a person whatever the evidence says.`

/** `newsdesk people <merge|split|rename|not-a-person|decisions|revoke>`: editors correct identity. */
export async function runPeopleCommand(argv: string[], io: CliIO): Promise<number> {
  let decision: Decision | null = null
  let action: 'list' | 'revoke' | null = null
  let revokeSeq = 0
  const program = new Command('people')
    .description('Correct who is who: merge, split, rename, not-a-person, is-a-person; list or revoke decisions')
    .addHelpText('after', `\n${DECISION_HELP}`)
  program
    .option('--database <url>', 'SQLite file: URL or path, or postgresql:// URL (default: DATABASE_URL, else ./data/newsdesk.db)')
    .option('--json', 'print JSON')
  program
    .command('merge <person> <into>')
    .description('file every mention of <person> under <into>; <person> redirects to <into>')
    .action((person: string, into: string) => {
      decision = { kind: 'merge', person, into }
    })
  program
    .command('split <person>')
    .description('move <person> in the given articles to a separate person')
    .requiredOption('--articles <ids>', 'comma-separated article ids', (v: string) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .requiredOption('--as <name>', 'the name of the separate person')
    .action((person: string, o: { articles: string[]; as: string }) => {
      decision = { kind: 'split', person, articles: o.articles, name: o.as }
    })
  program
    .command('rename <person> <name>')
    .description('give <person> another name (and slug; the old one redirects)')
    .action((person: string, name: string) => {
      decision = { kind: 'rename', person, name }
    })
  program
    .command('not-a-person <person>')
    .description('stop treating <person> as a person (a club, a film, a firm)')
    .action((person: string) => {
      decision = { kind: 'not-a-person', person }
    })
  program
    .command('is-a-person <person>')
    .description('keep <person> a person whatever the evidence says (undoes an automatic demotion)')
    .action((person: string) => {
      decision = { kind: 'is-a-person', person }
    })
  program
    .command('decisions')
    .description('list the stored decisions, oldest first')
    .action(() => {
      action = 'list'
    })
  program
    .command('revoke <n>')
    .description('remove decision number <n> (see decisions) and relink')
    .action((n: string) => {
      action = 'revoke'
      revokeSeq = Number(n)
    })
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  if (!decision && !action) {
    io.err('people: give a subcommand (see --help)')
    return 2
  }
  const opts = program.opts<{ database?: string; json?: boolean }>()
  const prisma = await openCommandDatabase('people', opts.database, io)
  if (!prisma) return 2
  try {
    const people = { notIn: [...ORGANIZATION_DECISION_KINDS] }
    if (action === 'list') {
      await listDecisions(prisma, io, !!opts.json, people, describePersonDecision)
      return await listDemoted(prisma, io, !!opts.json)
    }
    // the record whose person-hood is decided again once the links are: relinks refresh only the people they move
    let decidedOn: string | null = null
    if (action === 'revoke') {
      const revoked = Number.isInteger(revokeSeq)
        ? await prisma.identityDecision.findFirst({ where: { seq: revokeSeq, kind: people } })
        : null
      if (!revoked) {
        io.err(`people: no decision number ${revokeSeq} (see: newsdesk people decisions)`)
        return 1
      }
      await prisma.identityDecision.delete({ where: { seq: revokeSeq } })
      decidedOn = revoked.kind === 'is-a-person' ? revoked.person : null
    } else {
      const d = decision as unknown as Decision
      const problem = await checkDecision(prisma, d)
      if (problem) {
        io.err(`people ${d.kind}: ${problem}`)
        return 1
      }
      await prisma.identityDecision.create({
        data: { kind: d.kind, person: d.person, into: d.into ?? null, name: d.name ?? null, articles: JSON.stringify(d.articles ?? []) },
      })
      decidedOn = d.kind === 'is-a-person' ? d.person : null
    }
    const summary = await relink(prisma)
    if (decidedOn) await refreshPersonOfSlug(prisma, decidedOn)
    io.out(opts.json ? JSON.stringify({ relink: summary }) : describeRelink(summary))
    return 0
  } finally {
    await prisma.$disconnect()
  }
}

/** Names people by slug, as decisions store them; returns why the decision cannot be made, if so. */
async function checkDecision(prisma: PrismaClient, d: Decision): Promise<string | null> {
  const bySlugOrId = (key: string) =>
    prisma.person.findFirst({ where: { OR: [{ id: key }, { slug: key.toLowerCase() }] }, select: { slug: true } })
  const person = await bySlugOrId(d.person)
  if (!person) return `no person "${d.person}"`
  d.person = person.slug
  if (d.kind === 'merge') {
    const into = await bySlugOrId(d.into!)
    if (!into) return `no person "${d.into}"`
    if (into.slug === person.slug) return 'a person cannot be merged into themselves'
    d.into = into.slug
  }
  if ((d.kind === 'rename' || d.kind === 'split') && slugify(d.name!) === 'person') return `"${d.name}" is not a name`
  if (d.kind === 'split') {
    const found = await prisma.article.count({ where: { id: { in: d.articles } } })
    if (found !== new Set(d.articles).size) return 'some of the article ids are not stored articles'
  }
  return null
}

type DecisionRow = Awaited<ReturnType<PrismaClient['identityDecision']['findMany']>>[number]

/** Prints the stored decisions of these kinds, oldest first: one line each (`--json`: one object each). */
export async function listDecisions(
  prisma: PrismaClient,
  io: CliIO,
  json: boolean,
  kinds: { in: string[] } | { notIn: string[] },
  describe: (r: DecisionRow, articles: string[]) => string,
): Promise<number> {
  const rows = await prisma.identityDecision.findMany({ where: { kind: kinds }, orderBy: { seq: 'asc' } })
  for (const r of rows) {
    const articles = JSON.parse(r.articles) as string[]
    if (json) io.out(JSON.stringify({ ...r, articles, createdAt: r.createdAt.toISOString() }))
    else io.out(`${String(r.seq).padStart(4)}  ${r.createdAt.toISOString().slice(0, 19)}Z  ${describe(r, articles)}`)
  }
  if (!json && rows.length === 0) io.out('no decisions')
  return 0
}

/** Prints the records the evidence of their articles shows are not people (identity/personhood.ts), most seen first. */
async function listDemoted(prisma: PrismaClient, io: CliIO, json: boolean): Promise<number> {
  const demoted = await prisma.person.findMany({
    where: { kind: { not: 'person' } },
    orderBy: [{ articleCount: 'desc' }, { slug: 'asc' }],
    select: { slug: true, name: true, kind: true, kindBasis: true, articleCount: true },
  })
  if (!json && demoted.length > 0) io.out(`\nautomatic, from the articles' evidence (undo one: newsdesk people is-a-person <slug>):`)
  for (const p of demoted) {
    if (json)
      io.out(JSON.stringify({ kind: 'automatic', person: p.slug, name: p.name, is: p.kind, basis: p.kindBasis, articles: p.articleCount }))
    else io.out(`   -  ${p.slug}  "${p.name}" is ${kindPhrase(p.kind as RecordKind)}: ${p.kindBasis}`)
  }
  return 0
}

/** Decides again whether the record of this slug is a person (after an editor's is-a-person decision or its revoking). */
async function refreshPersonOfSlug(prisma: PrismaClient, slug: string): Promise<void> {
  const person = await prisma.person.findUnique({ where: { slug }, select: { id: true } })
  if (person) await inWriteTransaction(prisma, (tx) => refreshPeople(tx, [person.id]))
}

const describePersonDecision = (r: DecisionRow, articles: string[]) =>
  r.kind === 'merge'
    ? `merge ${r.person} into ${r.into}`
    : r.kind === 'split'
      ? `split ${r.person} in ${articles.join(', ')} as "${r.name}"`
      : r.kind === 'rename'
        ? `rename ${r.person} to "${r.name}"`
        : r.kind === 'is-a-person'
          ? `${r.person} is a person`
          : `${r.person} is not a person`
