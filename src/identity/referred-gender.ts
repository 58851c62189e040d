import { decidePronoun } from '../extraction/stages/refer-gender.js'
import type { GenderBasis, Pronoun, PronounVotes, ReferredGender } from '../extraction/types.js'

/** A person's pronoun evidence in one article, as ArticlePerson.gender stores it (JSON). */
export interface ArticleGender {
  pronoun: Pronoun | null
  basis: GenderBasis | null
  votes: ReferredGender['votes']
  givenName: Pronoun | null
}

/** A person's pronoun evidence over all their articles, as Person.pronounEvidence stores it (JSON). */
export interface CorpusGenderEvidence {
  honorific: PronounVotes
  role: PronounVotes
  pronoun: PronounVotes
  /** the given-name prior of their articles, counted by article */
  givenName: PronounVotes
  /** articles whose text was read for evidence (extracted since referred gender exists) */
  articles: number
}

/** Over a corpus, a pronoun must hold two thirds of its class's votes: a narrow majority is unknown. */
export const CORPUS_MIN_SHARE = 2 / 3

const PRONOUNS = ['he', 'she', 'they'] as const
const noVotes = (): PronounVotes => ({ he: 0, she: 0, they: 0 })
const add = (into: PronounVotes, v: PronounVotes | undefined) => {
  for (const p of PRONOUNS) into[p] += v?.[p] ?? 0
}

/** The evidence of a person's entities in one article (usually one), summed and decided as the article decides. */
export function articleGender(genders: ReferredGender[]): ArticleGender | null {
  if (genders.length === 0) return null
  const votes = { honorific: noVotes(), role: noVotes(), pronoun: noVotes() }
  for (const g of genders) {
    add(votes.honorific, g.votes.honorific)
    add(votes.role, g.votes.role)
    add(votes.pronoun, g.votes.pronoun)
  }
  const priors = new Set(genders.map((g) => g.evidence.givenName).filter((p): p is Pronoun => !!p))
  const givenName = priors.size === 1 ? [...priors][0]! : null
  return { ...decidePronoun(votes, givenName), votes, givenName }
}

/**
 * How the corpus refers to a person: their articles' evidence summed; the strongest class with
 * evidence decides when one pronoun holds two thirds of it, the given-name prior only without any
 * other evidence; otherwise unknown (null).
 */
export function corpusGender(articles: (ArticleGender | null)[]): {
  pronoun: Pronoun | null
  basis: GenderBasis | null
  evidence: CorpusGenderEvidence
} {
  const evidence: CorpusGenderEvidence = { honorific: noVotes(), role: noVotes(), pronoun: noVotes(), givenName: noVotes(), articles: 0 }
  for (const a of articles) {
    if (!a) continue
    evidence.articles++
    add(evidence.honorific, a.votes.honorific)
    add(evidence.role, a.votes.role)
    add(evidence.pronoun, a.votes.pronoun)
    if (a.givenName) evidence.givenName[a.givenName]++
  }
  // the prior of the name the articles write: the one they agree on, if they do
  const named = PRONOUNS.filter((p) => evidence.givenName[p] > 0)
  const givenName = named.length === 1 ? named[0]! : null
  return { ...decidePronoun(evidence, givenName, CORPUS_MIN_SHARE), evidence }
}
