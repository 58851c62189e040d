import type { Prisma } from '../db/prisma.js'
import { insertRows, updateRows, type Row } from '../db/sql.js'
import type { Extraction } from '../extraction/types.js'
import { articleEntities } from '../identity/entities.js'
import { entityKeys } from '../identity/resolve.js'
import { articleAcronyms, speakerKeyIn } from '../speakers/speaker-key.js'
import { quoteId } from './identity.js'
import { movedOrganizationKeys, storedOrganizationMoves } from './organization-keys.js'
import { refreshPeople } from './people-counts.js'
import { applyQuoteDecisions } from './quote-decisions.js'

type Tx = Prisma.TransactionClient

/** What storing needs of an extraction (the sentences stay behind). */
export type StoredExtraction = Pick<Extraction, 'people' | 'quotes' | 'furniture'>

/** A stored article, as its extraction's rows need it. */
export interface StoredArticle {
  seq: number
  id: string
  body: string
  publishedAt: Date | null
  listedAt: Date
}

const ENTITY_COLUMNS = [
  'articleSeq',
  'position',
  'name',
  'titles',
  'aliases',
  'mentionCount',
  'mentions',
  'joinOnly',
  'speakerType',
  'surnameKey',
  'givenKey',
  'personKey',
  'gender',
  'evidence',
] as const
const QUOTE_COLUMNS = [
  'id',
  'articleSeq',
  'position',
  'speakerEntity',
  'speakerName',
  'speakerType',
  'speakerKey',
  'speakerText',
  'speakerStart',
  'speakerEnd',
  'cue',
  'cueStart',
  'cueEnd',
  'kind',
  'via',
  'content',
  'contentStart',
  'contentEnd',
  'parts',
  'sentenceStart',
  'sentenceEnd',
  'sentence',
  'confidence',
  'publishedAt',
  'listedAt',
  'personId',
  'decisionSeq',
] as const

/**
 * The rows one article's extraction becomes: its people as identity entities (linked to people
 * by the next relink, see relink.ts) and its quotes, each pointing at its speaker's entity.
 */
export function extractionRows(article: StoredArticle, extraction: StoredExtraction) {
  const { entities, speakerEntity } = articleEntities(extraction)
  const entityRows = entities.map((e, position): Pick<Row<'ArticleEntity'>, (typeof ENTITY_COLUMNS)[number]> => {
    const keys = entityKeys(e.name)
    return {
      articleSeq: article.seq,
      position,
      name: e.name,
      titles: JSON.stringify([...new Set(e.titles)]),
      aliases: JSON.stringify([...new Set(e.aliases)]),
      mentionCount: e.mentions.length,
      mentions: JSON.stringify(e.mentions),
      joinOnly: e.joinOnly,
      speakerType: e.speakerType,
      surnameKey: keys.surname,
      givenKey: keys.given,
      personKey: keys.person,
      gender: e.gender ? JSON.stringify(e.gender) : null,
      evidence: e.evidence ? JSON.stringify(e.evidence) : null,
    }
  })
  const acronyms = articleAcronyms(article.body)
  const quotes = extraction.quotes.map((q, position): Pick<Row<'Quote'>, (typeof QUOTE_COLUMNS)[number]> => ({
    id: quoteId(article.id, q.start, q.end),
    articleSeq: article.seq,
    position,
    speakerEntity: speakerEntity[position] ?? null,
    speakerName: q.speaker.name,
    speakerType: q.speaker.type,
    speakerKey: speakerKeyIn(q.speaker.name, q.speaker.type, acronyms),
    speakerText: q.speaker.text,
    speakerStart: q.speaker.start,
    speakerEnd: q.speaker.end,
    cue: q.cue,
    cueStart: q.cueSpan?.start ?? null,
    cueEnd: q.cueSpan?.end ?? null,
    kind: q.kind,
    via: q.via,
    content: q.content,
    contentStart: q.start,
    contentEnd: q.end,
    parts: JSON.stringify(q.parts.map((p) => ({ start: p.start, end: p.end }))),
    sentenceStart: q.sentence.start,
    sentenceEnd: q.sentence.end,
    sentence: article.body.slice(q.sentence.start, q.sentence.end),
    confidence: q.confidence,
    publishedAt: article.publishedAt,
    listedAt: article.listedAt,
    // a relink links the speaker entity's person; an editor's decision (quote-decisions.ts) sets both
    personId: null,
    decisionSeq: null,
  }))
  return { entityRows, quotes }
}

/**
 * Writes the extractions of many stored articles in a few multi-row statements. `replace` first
 * removes the quotes and entities earlier extractions of these articles left, and returns the
 * lookup keys those entities had. The new entities are `pending` until `relinkArticles` (in the
 * same transaction) links them. Editors' quote decisions on these articles apply to the quotes
 * written (a rejected one is left out, a reassigned one gets its speaker), and their organisation
 * decisions to the keys (organization-keys.ts).
 */
export async function writeExtractions(
  tx: Tx,
  items: { article: StoredArticle; extraction: StoredExtraction }[],
  opts: { replace: boolean },
): Promise<{ previousKeys: string[] }> {
  const seqs = items.map((i) => i.article.seq)
  const previousKeys: string[] = []
  // people that decided quotes named: recounted below, as the relink that follows may not touch them
  const decidedPeople = new Set<string>()
  if (opts.replace && seqs.length) {
    const previous = await tx.articleEntity.findMany({ where: { articleSeq: { in: seqs } }, select: { surnameKey: true, givenKey: true } })
    previousKeys.push(...new Set(previous.flatMap((e) => [e.surnameKey, e.givenKey].filter((k): k is string => !!k))))
    const decided = await tx.quote.findMany({
      where: { articleSeq: { in: seqs }, decisionSeq: { not: null }, personId: { not: null } },
      select: { personId: true },
    })
    for (const q of decided) decidedPeople.add(q.personId!)
    await tx.quote.deleteMany({ where: { articleSeq: { in: seqs } } })
    await tx.articleEntity.deleteMany({ where: { articleSeq: { in: seqs } } })
  }
  const entities: ReturnType<typeof extractionRows>['entityRows'] = []
  const extracted: ReturnType<typeof extractionRows>['quotes'] = []
  for (const { article, extraction } of items) {
    const rows = extractionRows(article, extraction)
    entities.push(...rows.entityRows)
    extracted.push(...rows.quotes)
  }
  const decided = await applyQuoteDecisions(
    tx,
    items.map((i) => i.article),
    extracted,
  )
  // editors' organisation decisions: a merged or renamed organisation's new quotes join its key now
  const quotes = movedOrganizationKeys(decided.quotes, await storedOrganizationMoves(tx))
  const quoteCount = new Map<number, number>()
  for (const q of quotes) quoteCount.set(q.articleSeq, (quoteCount.get(q.articleSeq) ?? 0) + 1)
  const counts = items.map(({ article, extraction }): Pick<Row<'Article'>, 'seq' | 'quoteCount' | 'furniture'> => ({
    seq: article.seq,
    quoteCount: quoteCount.get(article.seq) ?? 0,
    furniture: JSON.stringify(extraction.furniture),
  }))
  await insertRows(tx, 'ArticleEntity', ENTITY_COLUMNS, entities)
  await insertRows(tx, 'Quote', QUOTE_COLUMNS, quotes)
  await updateRows(tx, 'Article', ['seq'], ['quoteCount', 'furniture'], counts)
  for (const id of decided.people) decidedPeople.add(id)
  await refreshPeople(tx, [...decidedPeople])
  return { previousKeys }
}
