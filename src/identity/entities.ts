import type { Extraction, Mention, PersonEvidence, ReferredGender, SpeakerType } from '../extraction/types.js'

/** A person of one article as stored for identity: what re-linking reads instead of re-extracting. */
export interface ArticleEntity {
  name: string
  titles: string[]
  aliases: string[]
  mentions: Pick<Mention, 'start' | 'end' | 'text' | 'kind'>[]
  /** A bare word a quote was attributed to: it may join a known person, but is never a person of its own. */
  joinOnly: boolean
  /** For a join-only word, the speaker type extraction gave it: what the quote keeps if it joins nobody. */
  speakerType: SpeakerType | null
  /** The pronoun evidence of the article's text (extraction/stages/refer-gender.ts); null for a join-only word. */
  gender: ReferredGender | null
  /** What the article says about whether the name is a person at all (identity/personhood.ts); null for a join-only word. */
  evidence: PersonEvidence | null
}

export interface ArticleEntities {
  entities: ArticleEntity[]
  /** Per quote, the entity its speaker is, or null. */
  speakerEntity: (number | null)[]
}

/** Capitalised words that open sentences and stand for speakers without naming anyone ("It said", "The added"). */
const NOT_NAMES = new Set(
  `It He She They We I You This That These Those The There Here However But And Also Then Now Some Many Others Most All
  Both Each Another Such Its Their His Her Our My One Two Officials Police Analysts Experts Critics Sources Reports`.split(/\s+/),
)

const isOneWordName = (w: string | null): w is string => !!w && /^\p{Lu}[\p{L}'’-]+$/u.test(w) && !NOT_NAMES.has(w)

/**
 * The people of an extraction as identity entities. A quote attributed to a bare capitalised
 * word the article never introduced ("..., Blair said") becomes a join-only entity: in a
 * corpus that knows Tony Blair it is him; otherwise the speaker stays as written.
 */
export function articleEntities(extraction: Pick<Extraction, 'people' | 'quotes'>): ArticleEntities {
  const entities: ArticleEntity[] = extraction.people.map((p) => ({
    name: p.name,
    titles: p.titles,
    aliases: p.aliases,
    mentions: p.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind })),
    joinOnly: false,
    speakerType: null,
    gender: p.gender,
    evidence: p.evidence,
  }))
  const byWord = new Map<string, number>()
  const speakerEntity = extraction.quotes.map((q) => {
    if (q.speaker.person !== null) return q.speaker.person
    if (q.speaker.type === 'group' || !isOneWordName(q.speaker.text)) return null
    const word = q.speaker.text
    let index = byWord.get(word)
    if (index === undefined) {
      index =
        entities.push({
          name: word,
          titles: [],
          aliases: [],
          mentions: [],
          joinOnly: true,
          speakerType: q.speaker.type,
          gender: null,
          evidence: null,
        }) - 1
      byWord.set(word, index)
    }
    entities[index]!.mentions.push({ start: q.speaker.start!, end: q.speaker.end!, text: word, kind: 'alias' })
    return index
  })
  return { entities, speakerEntity }
}
