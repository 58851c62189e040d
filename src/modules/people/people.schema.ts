import { z } from 'zod'
import { type CsvColumns, exportFormat } from '../../shared/export.js'
import { Page, cursorParam, limitParam } from '../../shared/pagination.js'
import { count, dateParam, idParam, qParam } from '../../shared/params.js'

const isoDateTime = z.iso.datetime({ offset: true })

export const ReferredPronoun = z
  .enum(['he', 'she', 'they'])
  .nullable()
  .describe('The pronoun the articles use for them; null: unknown (no evidence, or evidence that disagrees)')
  .meta({ id: 'ReferredPronoun', examples: ['she'] })

export const PronounVotes = z
  .object({ he: count, she: count, they: count })
  .describe('Pieces of evidence pointing to each pronoun')
  .meta({ id: 'PronounVotes', examples: [{ he: 0, she: 3, they: 0 }] })

export const ReferredAs = z
  .object({
    pronoun: ReferredPronoun,
    basis: z
      .enum(['honorific', 'role', 'pronouns', 'given-name'])
      .nullable()
      .describe(
        'The class of evidence that decided, strongest first: an honorific before their name (Ms, Sir), a gendered role noun of their own (actress, her husband), pronouns that refer back to them without ambiguity, and only without any of these their given name; null when unknown',
      )
      .meta({ examples: ['honorific'] }),
    evidence: z
      .object({
        honorific: PronounVotes,
        role: PronounVotes,
        pronouns: PronounVotes,
        givenName: PronounVotes.describe('Articles whose written name gives a one-sex given name (a weak prior; a surname never counts)'),
        articles: count.describe('Their articles whose text was read for this evidence').meta({ examples: [2] }),
      })
      .describe('Evidence summed over their articles'),
  })
  .describe('How the text of the articles refers to them: read from the text, never guessed from a surname; unknown stays unknown')
  .meta({ id: 'ReferredAs' })
export type ReferredAs = z.infer<typeof ReferredAs>

export const PersonSummary = z
  .object({
    id: z.string().meta({ examples: ['2366dbd72f63'] }),
    slug: z.string().meta({ examples: ['xi-jinping'] }),
    name: z.string().meta({ examples: ['Xi Jinping'] }),
    articleCount: count.meta({ examples: [1] }),
    mentionCount: count.meta({ examples: [12] }),
    quoteCount: count.meta({ examples: [6] }),
    firstSeen: isoDateTime
      .nullable()
      .describe('Publication date of the earliest dated article that mentions them')
      .meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    lastSeen: isoDateTime.nullable().meta({ examples: ['2021-12-15T00:00:00.000Z'] }),
    pronoun: ReferredPronoun,
  })
  .meta({ id: 'PersonSummary' })
export type PersonSummary = z.infer<typeof PersonSummary>

export const Person = PersonSummary.extend({
  aliases: z.array(z.string()).meta({ examples: [['Xi']] }),
  titles: z
    .array(
      z.object({
        title: z.string().meta({ examples: ['Chinese President'] }),
        articleId: z.string().meta({ examples: ['afd7e63041405759'] }),
      }),
    )
    .describe('Titles and roles, each with the article it was written in'),
  referredAs: ReferredAs,
}).meta({ id: 'Person' })
export type Person = z.infer<typeof Person>

export const PersonParams = z.object({ idOrSlug: idParam.describe('Person id or slug').meta({ examples: ['xi-jinping'] }) })

export const PersonSort = z.enum(['quotes', 'mentions', 'articles', 'name'])

export const PersonListQuery = z.strictObject({
  q: qParam.optional().describe('Name or alias contains'),
  sort: PersonSort.default('mentions'),
  limit: limitParam,
  cursor: cursorParam,
})
export type PersonListQuery = z.infer<typeof PersonListQuery>

export const PersonList = z.object({ data: z.array(PersonSummary), page: Page }).meta({ id: 'PersonList' })
export type PersonList = z.infer<typeof PersonList>

export const TimelineInterval = z.enum(['day', 'week', 'month'])

export const TimelineQuery = z.strictObject({
  interval: TimelineInterval.default('month').describe('Bucket size: UTC days, ISO weeks (Monday to Sunday, UTC) or calendar months'),
  from: dateParam.optional().describe("First day covered (default: the person's first dated appearance)"),
  to: dateParam.optional().describe("Last day covered (default: the person's last dated appearance)"),
})
export type TimelineQuery = z.infer<typeof TimelineQuery>

export const QuoteKindCounts = z
  .object({
    total: count.meta({ examples: [6] }),
    direct: count.meta({ examples: [0] }),
    indirect: count.meta({ examples: [6] }),
    mixed: count.meta({ examples: [0] }),
  })
  .meta({ id: 'QuoteKindCounts' })

export const TimelineBucket = z
  .object({
    start: isoDateTime.describe('Inclusive').meta({ examples: ['2021-12-01T00:00:00.000Z'] }),
    end: isoDateTime.describe('Exclusive: the next bucket starts here').meta({ examples: ['2022-01-01T00:00:00.000Z'] }),
    articles: count.describe('Articles published in the bucket that mention them').meta({ examples: [1] }),
    mentions: count.describe('Their mentions in those articles').meta({ examples: [12] }),
    quotes: QuoteKindCounts,
  })
  .meta({ id: 'TimelineBucket' })

export const PersonTimeline = z
  .object({
    person: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    interval: TimelineInterval,
    from: isoDateTime
      .nullable()
      .describe('Start of the first bucket; null when they appear in no dated article')
      .meta({ examples: ['2021-12-01T00:00:00.000Z'] }),
    to: isoDateTime
      .nullable()
      .describe('End of the last bucket (exclusive)')
      .meta({ examples: ['2022-01-01T00:00:00.000Z'] }),
    buckets: z.array(TimelineBucket).describe('Every bucket of the range in order, empty ones included'),
    undated: z
      .object({ articles: count, quotes: count })
      .describe('Appearances in articles without a publication date, which no bucket can hold'),
  })
  .meta({ id: 'PersonTimeline' })
export type PersonTimeline = z.infer<typeof PersonTimeline>

export const RelatedSort = z.enum(['articles', 'quotes', 'name'])

export const RelatedQuery = z.strictObject({
  sort: RelatedSort.default('articles').describe(
    'articles: most shared articles first (default); quotes: most quotes of either one mentioning the other first; name',
  ),
  limit: limitParam,
  cursor: cursorParam,
})
export type RelatedQuery = z.infer<typeof RelatedQuery>

export const RelatedPerson = z
  .object({
    id: z.string().meta({ examples: ['aa2f1dbec9ed'] }),
    slug: z.string().meta({ examples: ['vladimir-putin'] }),
    name: z.string().meta({ examples: ['Vladimir Putin'] }),
    articleCount: count.describe('All their articles').meta({ examples: [1] }),
    sharedArticles: count.describe('Articles that mention both').meta({ examples: [1] }),
    quotesByPersonMentioningThem: count
      .describe('Quotes of the person in the path, in shared articles, whose text mentions this one')
      .meta({ examples: [3] }),
    quotesByThemMentioningPerson: count
      .describe('Quotes of this person, in shared articles, whose text mentions the person in the path')
      .meta({ examples: [0] }),
    quotesByThemInSharedArticles: count.describe('Everything this person said in the shared articles').meta({ examples: [2] }),
  })
  .meta({ id: 'RelatedPerson' })

export const RelatedList = z
  .object({
    person: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    data: z.array(RelatedPerson),
    page: Page,
  })
  .meta({ id: 'RelatedList' })
export type RelatedList = z.infer<typeof RelatedList>

export const PersonExportQuery = PersonListQuery.omit({ limit: true, cursor: true }).extend({ format: exportFormat })
export type PersonExportQuery = z.infer<typeof PersonExportQuery>

export const PERSON_CSV: CsvColumns<PersonSummary> = [
  ['id', (p) => p.id],
  ['slug', (p) => p.slug],
  ['name', (p) => p.name],
  ['articleCount', (p) => p.articleCount],
  ['mentionCount', (p) => p.mentionCount],
  ['quoteCount', (p) => p.quoteCount],
  ['firstSeen', (p) => p.firstSeen],
  ['lastSeen', (p) => p.lastSeen],
]
