/** Input of extraction: the stored article text. Offsets everywhere are UTF-16 indices into `body`. */
export interface ArticleText {
  title: string
  body: string
}

export interface Span {
  start: number
  end: number
}

export interface Sentence extends Span {
  text: string
  paragraph: number
}

export interface Token extends Span {
  text: string
  /** Index of the sentence the token belongs to. */
  sentence: number
}

export type MentionKind = 'name' | 'alias' | 'pronoun' | 'description'

export interface Mention extends Span {
  text: string
  kind: MentionKind
}

export interface PersonEntity {
  /** Canonical full name ("Xi Jinping"). */
  name: string
  aliases: string[]
  titles: string[]
  mentions: Mention[]
}

/** How an article refers to a person: the third-person pronoun its text uses for them. */
export type Pronoun = 'he' | 'she' | 'they'

/** The classes of evidence for a person's pronoun, strongest first. */
export type GenderBasis = 'honorific' | 'role' | 'pronouns' | 'given-name'

/** Pieces of evidence pointing to each pronoun. */
export type PronounVotes = Record<Pronoun, number>

/**
 * The pronoun an article's text uses for a person, from that text only (see stages/refer-gender.ts).
 * `evidence` counts the pieces found per class (whatever pronoun they point to); `votes` splits
 * them by pronoun, so articles can be summed; `basis` is the class that decided.
 */
export interface ReferredGender {
  pronoun: Pronoun | null
  basis: GenderBasis | null
  evidence: { honorific: number; pronoun: number; role: number; givenName: Pronoun | null }
  votes: { honorific: PronounVotes; role: PronounVotes; pronoun: PronounVotes }
}

/**
 * What one article says about whether a name is a person at all (extraction/stages/person-evidence.ts):
 * counts over its named mentions, summed over a record's articles by identity/personhood.ts.
 */
export interface PersonEvidence {
  /** mentions by name */
  named: number
  /** of those, mentions that open a sentence */
  sentenceStart: number
  /** 1 when a one-word name is also written in lower case in the article ("the election") */
  lowercase: number
  /** 1 when the article gives the person a title ("Mr", "Lord", "chief executive") */
  titled: number
  /** "X, who …" */
  who: number
  /** "X, 45, …" */
  age: number
  /** "singer X", "rival X", "X … his": a noun for a person before the name, a his/her in its clause */
  role: number
  /** "X, which", "X said it …", "X … . Its shares …" */
  it: number
  /** "oil firm X", "shares in X", "X plc", "X boss", the same words tagged as an organisation */
  organization: number
  /** "the film X", "the game X" */
  work: number
  /** the same words tagged as a place */
  place: number
}

/** A person of an article with the pronoun its text uses for them and the evidence that they are a person. */
export interface ExtractedPerson extends PersonEntity {
  gender: ReferredGender
  evidence: PersonEvidence
}

export type SpeakerType = 'person' | 'organization' | 'group' | 'unknown'
export type QuoteKind = 'direct' | 'indirect' | 'mixed'

export interface Speaker {
  /** The speaker as written ("He", "the Russian leader"), with its offsets when it is in the text. */
  text: string | null
  start: number | null
  end: number | null
  type: SpeakerType
  /** Index into Extraction.people when the speaker is a person of this article. */
  person: number | null
  /** Resolved display name: the person's canonical name, or the speaker text. */
  name: string
}

export interface ExtractedQuote extends Span {
  content: string
  /** Speech segments inside start..end; more than one when the quote runs over its attribution. */
  parts: Span[]
  speaker: Speaker
  cue: string
  cueSpan: Span | null
  kind: QuoteKind
  via: string | null
  confidence: number
  sentence: Span
}

/** What a stretch of page furniture is (see stages/find-furniture.ts). */
export type FurnitureKind = 'advertisement' | 'link' | 'notice' | 'caption' | 'credit' | 'byline' | 'headline' | 'label'

export interface FurnitureSpan extends Span {
  kind: FurnitureKind
}

export interface Extraction {
  /** Page furniture in the body: kept, but never read for people or quotes. */
  furniture: FurnitureSpan[]
  sentences: Sentence[]
  people: ExtractedPerson[]
  quotes: ExtractedQuote[]
}
