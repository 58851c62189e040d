import { columnsOf, selectList, type RowOf } from '../../db/columns.js'
import type { Quote } from '../../db/prisma.js'
import { conditions, type ReadStore } from '../../db/read-store.js'
import { countUpTo, matchCondition } from '../../shared/match-strategy.js'
import { sqlDate } from '../../shared/params.js'
import { ORGANIZATION_SPEAKER } from '../organizations/organizations.repository.js'

const QUOTE_COLUMNS = columnsOf<Quote>()(
  'seq',
  'id',
  'content',
  'contentStart',
  'contentEnd',
  'parts',
  'kind',
  'cue',
  'cueStart',
  'cueEnd',
  'via',
  'confidence',
  'speakerName',
  'speakerType',
  'speakerKey',
  'speakerText',
  'speakerStart',
  'speakerEnd',
  'sentenceStart',
  'sentenceEnd',
  'sentence',
  'listedAt',
  'decisionSeq',
)
/** A quote with its speaker (when a person) and its article, as every quote response needs it. */
export type QuoteRow = RowOf<Quote, typeof QUOTE_COLUMNS> & {
  personId: string | null
  personSlug: string | null
  personName: string | null
  articleId: string
  articleTitle: string
  articlePublishedAt: string | null
  decisionKind: string | null
  decisionCreatedAt: string | null
  decisionNote: string | null
}

const QUOTE = selectList('q', QUOTE_COLUMNS)
const PERSON_COLUMNS = `p."id" AS "personId", p."slug" AS "personSlug", p."name" AS "personName"`
const ARTICLE_COLUMNS = `a."id" AS "articleId", a."title" AS "articleTitle", a."publishedAt" AS "articlePublishedAt"`
/** An editor's correction of the quote (quote-decisions): a key lookup, only for the few corrected quotes. */
const DECISION_COLUMNS = `d."kind" AS "decisionKind", d."createdAt" AS "decisionCreatedAt", d."note" AS "decisionNote"`
const DECISION_JOIN = `LEFT JOIN "QuoteDecision" d ON d."seq" = q."decisionSeq"`

/** The columns every quote response needs, from Quote joined to its article and person. */
export const QUOTE_SELECT = `
  SELECT ${QUOTE}, ${PERSON_COLUMNS}, ${ARTICLE_COLUMNS}, ${DECISION_COLUMNS}
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"
  LEFT JOIN "Person" p ON p."id" = q."personId"
  ${DECISION_JOIN}`

/** The quotes of one article whose id, title and date the caller binds (no join back to a row it has read). */
export const QUOTES_OF_ARTICLE = `
  SELECT ${QUOTE}, ${PERSON_COLUMNS}, CAST(? AS TEXT) AS "articleId", CAST(? AS TEXT) AS "articleTitle", CAST(? AS TEXT) AS "articlePublishedAt", ${DECISION_COLUMNS}
  FROM "Quote" q
  LEFT JOIN "Person" p ON p."id" = q."personId"
  ${DECISION_JOIN}
  WHERE q."articleSeq" = ? ORDER BY q."position"`

/** Quotes of one speaker, whose id, slug and name the caller binds (the same person on every row). */
const QUOTES_OF_SPEAKER = `
  SELECT ${QUOTE}, CAST(? AS TEXT) AS "personId", CAST(? AS TEXT) AS "personSlug", CAST(? AS TEXT) AS "personName", ${ARTICLE_COLUMNS}, ${DECISION_COLUMNS}
  FROM "Quote" q
  JOIN "Article" a ON a."seq" = q."articleSeq"
  ${DECISION_JOIN}`

/** A speaker the lists show by default: a person, or an organisation or group the quote names (its key is not ''). */
export const RESOLVED_SPEAKER = `(q."personId" IS NOT NULL OR (${ORGANIZATION_SPEAKER}))`

export interface Speaker {
  id: string
  slug: string
  name: string
}

export type QuoteSort = 'newest' | 'oldest' | 'confidence'

export interface QuoteFilter {
  fts?: string
  speaker?: Speaker
  /** An organisation or group speaker's key (organizations.repository.ts). */
  organization?: string
  speakerType?: string
  articleId?: string
  from?: Date
  to?: Date
  kind?: string
  minConfidence?: number
  /** Only quotes whose speaker is resolved: a person, or an organisation or group with a key. */
  resolvedOnly?: boolean
  sort?: QuoteSort
  after?: [string | number, number] | null
  limit: number
}

/** The filter's conditions, except the search and the page position. */
function filterConditions(f: Omit<QuoteFilter, 'sort' | 'after' | 'limit'>) {
  const c = conditions()
  if (f.speaker) c.add(`q."personId" = ?`, f.speaker.id)
  if (f.organization) c.add(`q."speakerKey" = ? AND ${ORGANIZATION_SPEAKER}`, f.organization)
  if (f.speakerType) c.add(`q."speakerType" = ?`, f.speakerType)
  if (f.articleId) c.add(`q."articleSeq" = (SELECT "seq" FROM "Article" WHERE "id" = ?)`, f.articleId)
  if (f.from) c.add(`q."publishedAt" >= ?`, sqlDate(f.from))
  if (f.to) c.add(`q."publishedAt" <= ?`, sqlDate(f.to))
  if (f.kind) c.add(`q."kind" = ?`, f.kind)
  if (f.minConfidence !== undefined) c.add(`q."confidence" >= ?`, f.minConfidence)
  // a person's or an organisation's quotes have a resolved speaker already
  if (f.resolvedOnly && !f.speaker && !f.organization) c.add(RESOLVED_SPEAKER)
  return c
}

const ORDER: Record<QuoteSort, { by: string; after: string }> = {
  newest: { by: `q."listedAt" DESC, q."seq" DESC`, after: `(q."listedAt", q."seq") < (?, ?)` },
  oldest: { by: `q."listedAt" ASC, q."seq" ASC`, after: `(q."listedAt", q."seq") > (?, ?)` },
  confidence: { by: `q."confidence" DESC, q."seq" DESC`, after: `(q."confidence", q."seq") < (?, ?)` },
}

export const createQuoteRepository = (db: ReadStore) => ({
  findById: async (id: string) => (await db.get<QuoteRow>(`${QUOTE_SELECT} WHERE q."id" = ?`, [id])) ?? null,

  /** How many quotes the filter matches, counted no further than `cap` + 1. */
  count: (f: Omit<QuoteFilter, 'sort' | 'after' | 'limit'>, cap: number) => countUpTo(db, 'Quote', 'q', filterConditions(f), f.fts, cap),

  /** Newest first (or oldest, or most confident), keyset on the sort value and seq. */
  list: async (f: QuoteFilter) => {
    const c = filterConditions(f)
    if (f.fts) c.addFragment(await matchCondition(db, 'Quote', 'q', f.fts, f.limit))
    const order = ORDER[f.sort ?? 'newest']
    if (f.after) c.add(order.after, f.after[0], f.after[1])
    const [select, selected] = f.speaker ? [QUOTES_OF_SPEAKER, [f.speaker.id, f.speaker.slug, f.speaker.name]] : [QUOTE_SELECT, []]
    return db.all<QuoteRow>(`${select} ${c.sql} ORDER BY ${order.by} LIMIT ?`, [...selected, ...c.params, f.limit + 1])
  },
})
export type QuoteRepository = ReturnType<typeof createQuoteRepository>
