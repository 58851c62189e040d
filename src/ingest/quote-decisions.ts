import type { Prisma, QuoteDecision } from '../db/prisma.js'
import { chunks, type Db, type Row } from '../db/sql.js'
import { refreshPeople } from './people-counts.js'

type Tx = Prisma.TransactionClient

/**
 * Editors' corrections of single quotes (QuoteDecision), applied wherever quote rows are written:
 * when an article's extraction is stored (ingest, re-ingest, re-extraction, the write API:
 * extractions.ts) and after every relink (people merged, renamed or gone: relink.ts). A decided
 * quote carries its decision's seq and no speaker entity, so a relink never gives it back its
 * extracted speaker; a rejected quote is not stored at all, so no list or count has to know.
 */

/** The span and text of a quote: of the one a decision was made on, or of one written again. */
export interface QuoteSpan {
  contentStart: number
  contentEnd: number
  content: string
}

/** Quote text compared across extractions: case, accents' composition, punctuation and spacing aside. */
export const normalizedContent = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * How well a quote written again matches a decided one, 0 for not at all. The rule: the same
 * normalised text (anywhere in the article: an edit may have moved it), or spans that overlap by
 * at least half of the shorter one. Equal text counts above any overlap; among equals the larger
 * overlap wins.
 */
export function matchScore(decided: QuoteSpan, quote: QuoteSpan): number {
  const text = normalizedContent(decided.content)
  const sameText = text !== '' && text === normalizedContent(quote.content) ? 1.01 : 0
  const overlap = Math.min(decided.contentEnd, quote.contentEnd) - Math.max(decided.contentStart, quote.contentStart)
  const shorter = Math.min(decided.contentEnd - decided.contentStart, quote.contentEnd - quote.contentStart)
  const share = overlap > 0 && shorter > 0 ? overlap / shorter : 0
  return sameText + (share >= 0.5 ? share : 0)
}

/**
 * Which decision applies to which of one article's quotes (index -> decision): the newest decision
 * first, each to the best-matching quote that no newer decision took. A decision that matches
 * nothing (the quote is no longer found) waits, stored, for a later extraction.
 */
export function matchDecisions<D extends QuoteSpan & { seq: number }>(
  decisions: readonly D[],
  quotes: readonly QuoteSpan[],
): Map<number, D> {
  const taken = new Map<number, D>()
  for (const d of [...decisions].sort((a, b) => b.seq - a.seq)) {
    let best = -1
    let bestScore = 0
    quotes.forEach((q, i) => {
      const score = taken.has(i) ? 0 : matchScore(d, q)
      if (score > bestScore) [best, bestScore] = [i, score]
    })
    if (best >= 0) taken.set(best, d)
  }
  return taken
}

/** A person a decision names, as it is now. */
export interface DecidedPerson {
  id: string
  slug: string
  name: string
}

/**
 * The person `key` (an id or a slug) is now: the person, or where a merge, rename or split sent
 * them (PersonRedirect keeps old ids and slugs, each leading to the last person), else null.
 */
export async function personNow(db: Db, key: string): Promise<DecidedPerson | null> {
  const select = { id: true, slug: true, name: true } as const
  const person = await db.person.findFirst({ where: { OR: [{ id: key }, { slug: key.toLowerCase() }] }, select })
  if (person) return person
  const redirect = await db.personRedirect.findFirst({ where: { fromKey: { in: [key, key.toLowerCase()] } }, select: { personId: true } })
  return redirect ? db.person.findUnique({ where: { id: redirect.personId }, select }) : null
}

/** The speaker columns a decided quote gets; null for a rejection, or a person who is nowhere now. */
type SpeakerColumns = Pick<Row<'Quote'>, 'personId' | 'speakerEntity' | 'speakerName' | 'speakerType' | 'speakerKey' | 'decisionSeq'>
export function decidedSpeaker(d: QuoteDecision, person: DecidedPerson | null): SpeakerColumns | null {
  if (d.kind !== 'reassign') return null
  if (d.personId !== null)
    return person
      ? { personId: person.id, speakerEntity: null, speakerName: person.name, speakerType: 'person', speakerKey: '', decisionSeq: d.seq }
      : null
  return {
    personId: null,
    speakerEntity: null,
    speakerName: d.speakerName!,
    speakerType: d.speakerType!,
    speakerKey: d.speakerKey!,
    decisionSeq: d.seq,
  }
}

type QuoteDraft = SpeakerColumns & QuoteSpan & Pick<Row<'Quote'>, 'id' | 'articleSeq'>

/**
 * Applies the stored decisions on these articles to their quote rows about to be written: a
 * rejected quote is left out, a reassigned one gets its decided speaker. Each decision that
 * applied remembers the id of the quote it now stands for. Returns the rows to write and the
 * people decided quotes now name (their counters need the rows).
 */
export async function applyQuoteDecisions<Q extends QuoteDraft>(
  tx: Tx,
  articles: { seq: number; id: string }[],
  quotes: Q[],
): Promise<{ quotes: Q[]; people: string[] }> {
  const decisions: QuoteDecision[] = []
  for (const part of chunks(articles.map((a) => a.id)))
    decisions.push(...(await tx.quoteDecision.findMany({ where: { articleId: { in: part } }, orderBy: { seq: 'asc' } })))
  if (decisions.length === 0) return { quotes, people: [] }
  const idOfSeq = new Map(articles.map((a) => [a.seq, a.id]))
  const people = new Map<string, DecidedPerson | null>()
  for (const d of decisions) if (d.personId !== null && !people.has(d.personId)) people.set(d.personId, await personNow(tx, d.personId))

  const decisionOf = new Map<Q, QuoteDecision>()
  const quotesOf = new Map<string, Q[]>()
  for (const q of quotes) {
    const id = idOfSeq.get(q.articleSeq)!
    quotesOf.set(id, [...(quotesOf.get(id) ?? []), q])
  }
  for (const [articleId, ofArticle] of quotesOf) {
    const matched = matchDecisions(
      decisions.filter((d) => d.articleId === articleId),
      ofArticle,
    )
    for (const [i, d] of matched) decisionOf.set(ofArticle[i]!, d)
  }
  const kept: Q[] = []
  const named = new Set<string>()
  for (const q of quotes) {
    const d = decisionOf.get(q)
    if (d && d.quoteId !== q.id) await tx.quoteDecision.update({ where: { seq: d.seq }, data: { quoteId: q.id } })
    if (d?.kind === 'reject') continue
    const speaker = d ? decidedSpeaker(d, d.personId === null ? null : people.get(d.personId)!) : null
    if (speaker?.personId) named.add(speaker.personId)
    kept.push(speaker ? { ...q, ...speaker } : q)
  }
  return { quotes: kept, people: [...named] }
}

/** Quotes a decision gave to a person, held while a relink recounts people (see relink.ts). */
export interface HeldQuote {
  seq: number
  personId: string
  decisionSeq: number
}

/**
 * Before a relink recounts `touched` people, the decided quotes of theirs let go of them: a person
 * merged or renamed away must not be kept alive by a quote an editor gave them.
 */
export async function holdDecidedQuotes(tx: Tx, touched: Set<string>): Promise<HeldQuote[]> {
  if (touched.size === 0) return []
  const decided = await tx.quote.findMany({
    where: { decisionSeq: { not: null }, personId: { not: null } },
    select: { seq: true, personId: true, decisionSeq: true },
  })
  const held = decided.filter((q) => touched.has(q.personId!)) as HeldQuote[]
  for (const part of chunks(held)) await tx.quote.updateMany({ where: { seq: { in: part.map((q) => q.seq) } }, data: { personId: null } })
  return held
}

/**
 * After the relink's people and redirects are written: each held quote goes back to its person,
 * or to where they went (a merge, a rename), and those people are counted again. A person gone
 * with no redirect (not a person after all) leaves the quote with its decided name, linked to no one.
 */
export async function reattachDecidedQuotes(tx: Tx, held: HeldQuote[]): Promise<void> {
  if (held.length === 0) return
  const decisions = new Map(
    (await tx.quoteDecision.findMany({ where: { seq: { in: [...new Set(held.map((h) => h.decisionSeq))] } } })).map((d) => [d.seq, d]),
  )
  const people = new Set<string>()
  for (const h of held) {
    const original = decisions.get(h.decisionSeq)?.personId
    const person = (await personNow(tx, h.personId)) ?? (original ? await personNow(tx, original) : null)
    if (!person) continue
    await tx.quote.update({ where: { seq: h.seq }, data: { personId: person.id, speakerName: person.name } })
    people.add(person.id)
  }
  await refreshPeople(tx, [...people])
}
