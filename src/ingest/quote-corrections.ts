import type { PrismaClient, QuoteDecision } from '../db/prisma.js'
import type { Db } from '../db/sql.js'
import { inWriteTransaction } from '../db/writer.js'
import type { Extractor } from './extractor.js'
import { writeReextracted } from './ingest.js'
import { movedKey } from '../identity/organization-decisions.js'
import { storedOrganizationMoves } from './organization-keys.js'
import { refreshPeople } from './people-counts.js'
import { decidedSpeaker, personNow, type DecidedPerson } from './quote-decisions.js'
import { settleBacklog } from './relink.js'

/**
 * Editors correct single quotes (`PATCH /quotes/:id`, `newsdesk quotes`): give a quote another
 * speaker, or say it is not a quote. Each correction is a stored QuoteDecision that takes effect at
 * once on the quote's row and again whenever the article's quotes are written (quote-decisions.ts);
 * revoking one extracts the article again, which restores what extraction says.
 */

export type QuoteCorrection = { quote: string; note?: string | null } & (
  { kind: 'reassign'; person: string } | { kind: 'reassign'; organization: string } | { kind: 'reject' }
)

export type CorrectionOutcome =
  | { status: 'decided'; decision: QuoteDecision; person: DecidedPerson | null; replaced: number | null }
  | { status: 'no-quote' }
  | { status: 'rejected'; decision: number }
  | { status: 'no-person' }
  | { status: 'no-organization' }

/** An organisation or group speaker as its quotes give it (after editors' merges and renames): the name and type most of them have. */
export async function organizationNow(db: Db, key: string): Promise<{ slug: string; name: string; type: string } | null> {
  const slug = movedKey(await storedOrganizationMoves(db), key.toLowerCase())
  const names = await db.quote.groupBy({
    by: ['speakerName', 'speakerType'],
    where: { speakerKey: slug, speakerType: { in: ['organization', 'group'] } },
    _count: { _all: true },
  })
  if (names.length === 0) return null
  const byCount = names.sort((a, b) => b._count._all - a._count._all || a.speakerName.localeCompare(b.speakerName))
  const organizations = names.filter((n) => n.speakerType === 'organization').reduce((sum, n) => sum + n._count._all, 0)
  const all = names.reduce((sum, n) => sum + n._count._all, 0)
  return { slug, name: byCount[0]!.speakerName, type: organizations * 2 >= all ? 'organization' : 'group' }
}

/** The decision that rejected the quote `id`, if one did. */
export async function rejectionOf(db: Db, id: string): Promise<number | null> {
  const d = await db.quoteDecision.findFirst({ where: { quoteId: id, kind: 'reject' }, orderBy: { seq: 'desc' }, select: { seq: true } })
  return d?.seq ?? null
}

/**
 * Stores a correction and applies it to the quote's row in one transaction: a reassigned quote
 * gets its new speaker, a rejected one is removed; the article and the people involved are
 * counted again. A quote already corrected has its earlier decision replaced.
 */
export function correctQuote(prisma: PrismaClient, c: QuoteCorrection): Promise<CorrectionOutcome> {
  return inWriteTransaction(prisma, async (tx): Promise<CorrectionOutcome> => {
    const quote = await tx.quote.findUnique({
      where: { id: c.quote },
      select: {
        seq: true,
        id: true,
        articleSeq: true,
        personId: true,
        decisionSeq: true,
        contentStart: true,
        contentEnd: true,
        content: true,
        article: { select: { id: true } },
      },
    })
    if (!quote) {
      const rejected = await rejectionOf(tx, c.quote)
      return rejected === null ? { status: 'no-quote' } : { status: 'rejected', decision: rejected }
    }
    const person = 'person' in c ? await personNow(tx, c.person) : null
    if ('person' in c && !person) return { status: 'no-person' }
    const organization = 'organization' in c ? await organizationNow(tx, c.organization) : null
    if ('organization' in c && !organization) return { status: 'no-organization' }

    if (quote.decisionSeq !== null) await tx.quoteDecision.deleteMany({ where: { seq: quote.decisionSeq } })
    const decision = await tx.quoteDecision.create({
      data: {
        kind: c.kind,
        articleId: quote.article.id,
        quoteId: quote.id,
        contentStart: quote.contentStart,
        contentEnd: quote.contentEnd,
        content: quote.content,
        personId: person?.id ?? null,
        speakerKey: organization?.slug ?? null,
        speakerName: organization?.name ?? null,
        speakerType: organization?.type ?? null,
        note: c.note ?? null,
        createdAt: new Date(),
      },
    })
    const speaker = decidedSpeaker(decision, person)
    if (speaker) await tx.quote.update({ where: { seq: quote.seq }, data: speaker })
    else {
      await tx.quote.delete({ where: { seq: quote.seq } })
      await tx.article.update({
        where: { seq: quote.articleSeq },
        data: { quoteCount: await tx.quote.count({ where: { articleSeq: quote.articleSeq } }) },
      })
    }
    await refreshPeople(
      tx,
      [quote.personId, person?.id].filter((id): id is string => !!id),
    )
    return { status: 'decided', decision, person, replaced: quote.decisionSeq }
  })
}

/**
 * Removes decision `seq` and extracts its article again (with the current extractor, as
 * `--reextract` would), so the quote is back as extraction gives it: its speaker, or the quote
 * itself after a rejection. Returns the decision removed, or null when there is none.
 */
export async function revokeQuoteDecision(prisma: PrismaClient, seq: number, extractor: Extractor): Promise<QuoteDecision | null> {
  const decision = await prisma.quoteDecision.findUnique({ where: { seq } })
  if (!decision) return null
  const article = await prisma.article.findUnique({
    where: { id: decision.articleId },
    select: { seq: true, id: true, title: true, body: true, publishedAt: true, listedAt: true },
  })
  const extraction = article ? await extractor.extract({ title: article.title, body: article.body }) : null
  const removed = await inWriteTransaction(
    prisma,
    async (tx) => {
      if ((await tx.quoteDecision.deleteMany({ where: { seq } })).count === 0) return false
      if (article && extraction) await writeReextracted(tx, [{ article, extraction }])
      return true
    },
    { timeout: 120_000, maxWait: 60_000 },
  )
  if (!removed) return null
  if (article) await settleBacklog(prisma)
  return decision
}
