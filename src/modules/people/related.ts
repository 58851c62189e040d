import { groupBy } from '../../shared/group-by.js'

/** One person's appearance in one article, with their mention offsets (JSON, as stored). */
export interface Appearance {
  articleSeq: number
  personId: string
  mentions: string
}

/** A quote of a known person in one of those articles. */
export interface SpokenQuote {
  articleSeq: number
  personId: string
  contentStart: number
  contentEnd: number
}

export interface RelatedCounts {
  sharedArticles: number
  /** Quotes of the person whose span holds a mention of this one. */
  quotesMentioningThem: number
  /** Quotes of this one whose span holds a mention of the person. */
  quotesMentioningPerson: number
  /** Everything this one said in the shared articles. */
  theirQuotes: number
}

const mentionsWithin = (mentions: { start: number; end: number }[], q: SpokenQuote) =>
  mentions.some((m) => m.start >= q.contentStart && m.end <= q.contentEnd)

/**
 * Who appears with `personId`, from everyone's appearances in the person's articles and the quotes
 * of known speakers there. Mentions are parsed only in articles where one of the pair speaks.
 */
export function relatedCounts(personId: string, appearances: Appearance[], quotes: SpokenQuote[]): Map<string, RelatedCounts> {
  const byArticle = groupBy(appearances, (a) => a.articleSeq)
  const quotesByArticle = groupBy(quotes, (q) => q.articleSeq)
  const counts = new Map<string, RelatedCounts>()
  for (const [articleSeq, people] of byArticle) {
    const mine = people.find((p) => p.personId === personId)
    if (!mine) continue
    const spoken = quotesByArticle.get(articleSeq) ?? []
    const myQuotes = spoken.filter((q) => q.personId === personId)
    let myMentions: { start: number; end: number }[] | null = null
    for (const other of people) {
      if (other.personId === personId) continue
      let c = counts.get(other.personId)
      if (!c) counts.set(other.personId, (c = { sharedArticles: 0, quotesMentioningThem: 0, quotesMentioningPerson: 0, theirQuotes: 0 }))
      c.sharedArticles++
      const theirQuotes = spoken.filter((q) => q.personId === other.personId)
      c.theirQuotes += theirQuotes.length
      if (myQuotes.length) {
        const theirMentions = JSON.parse(other.mentions) as { start: number; end: number }[]
        c.quotesMentioningThem += myQuotes.filter((q) => mentionsWithin(theirMentions, q)).length
      }
      if (theirQuotes.length) {
        myMentions ??= JSON.parse(mine.mentions) as { start: number; end: number }[]
        c.quotesMentioningPerson += theirQuotes.filter((q) => mentionsWithin(myMentions!, q)).length
      }
    }
  }
  return counts
}
