import { COMMON_WORDS, DEMONYMS, GIVEN_NAMES, GROUP_NOUNS, ORGANIZATION_NOUNS, ROLE_NOUNS } from '../extraction/lexicon/index.js'
import { SURNAMES } from '../extraction/lexicon/surnames.js'
import { emptyEvidence } from '../extraction/stages/person-evidence.js'
import { startsWithHonorific } from './names.js'
import type { PersonEvidence, PronounVotes, ReferredGender } from '../extraction/types.js'

/**
 * Whether a record is a person, decided over all its articles, never per mention: what refers to
 * the name (he/she against it/which), what it does and has (a title, an age, "who"), what it is
 * (shares, "oil firm", "the film"), how it is written (a common word capitalised only where it
 * opens sentences). A name of one word needs positive evidence; a longer name loses person-hood
 * only on evidence against it. Records that fail become organisations, places, works or plain
 * "not a person", which editors see and can revoke (`newsdesk people decisions`).
 */

export type RecordKind = 'person' | 'organization' | 'place' | 'work' | 'not-person'

/** A record's evidence over its articles: PersonEvidence summed, with the pronoun evidence of refer-gender. */
export interface CorpusPersonEvidence extends PersonEvidence {
  /** articles whose text was read for evidence (extracted since person evidence exists) */
  articles: number
  /** he/she votes from honorifics ("Mr"), gendered roles ("actress") and unambiguous pronouns */
  personal: number
}

export interface Personhood {
  kind: RecordKind
  /** Why, in words an editor reads: the clues counted. */
  basis: string
}

/** One article's evidence of one record, as stored beside its entity. */
export interface ArticleEvidence {
  evidence: PersonEvidence | null
  gender: Pick<ReferredGender, 'votes'> | null
}

const FIELDS = Object.keys(emptyEvidence()) as (keyof PersonEvidence)[]

const heShe = (v: PronounVotes | undefined) => (v ? v.he + v.she : 0)

/** Adds up a record's articles; articles extracted before person evidence existed count for nothing. */
export function corpusEvidence(articles: ArticleEvidence[]): CorpusPersonEvidence {
  const sum: CorpusPersonEvidence = { ...emptyEvidence(), articles: 0, personal: 0 }
  for (const a of articles) {
    if (!a.evidence) continue
    sum.articles++
    for (const f of FIELDS) sum[f] += a.evidence[f] ?? 0
    const v = a.gender?.votes
    sum.personal += heShe(v?.honorific) + heShe(v?.role) + heShe(v?.pronoun)
  }
  return sum
}

/** Clues that the record is a person. */
export const personClues = (e: CorpusPersonEvidence) => e.personal + e.who + e.age + e.titled + e.role

/** Clues that it is a thing, with the kind the strongest points to. */
function thingClues(e: CorpusPersonEvidence): { count: number; kind: Exclude<RecordKind, 'person' | 'not-person'> } {
  // the tagger typing a surname as a place once is noise ("Traore" in a line-up); twice it is a place
  const place = e.place >= 2 ? e.place : 0
  const kinds = [
    ['organization', e.organization + e.it],
    ['work', e.work],
    ['place', place],
  ] as const
  const [kind] = [...kinds].sort((a, b) => b[1] - a[1])[0]!
  return { count: e.organization + e.it + e.work + place, kind }
}

/** "MPs", "Workers", "Unions": the plural of a noun for people or bodies, never one person. */
function pluralCommonNoun(name: string): boolean {
  if (name.includes(' ') || !/s$/.test(name)) return false
  const lower = name.toLowerCase()
  const singular = lower.slice(0, -1)
  return GROUP_NOUNS.has(lower) || ROLE_NOUNS.has(singular) || ORGANIZATION_NOUNS.has(singular) || GROUP_NOUNS.has(`${singular}s`)
}

/** The kind as a phrase: "an organization", "a work", "not a person". */
export const kindPhrase = (kind: RecordKind) => (kind === 'not-person' ? 'not a person' : `${kind === 'organization' ? 'an' : 'a'} ${kind}`)

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Is the record a person? `name` is its display name; without any evidence read, it stays one. */
export function decidePersonhood(name: string, e: CorpusPersonEvidence): Personhood {
  if (e.articles === 0) return { kind: 'person', basis: 'no evidence read' }
  const words = name.trim().split(/\s+/)
  const oneWord = words.length === 1
  const person = personClues(e)
  const thing = thingClues(e)
  const tally = `${plural(person, 'person clue')}, ${plural(thing.count, 'thing clue')} in ${plural(e.articles, 'article')}`
  if (pluralCommonNoun(name)) return { kind: 'not-person', basis: `a plural common noun (${tally})` }
  if (oneWord && DEMONYMS.has(words[0]!)) return { kind: 'not-person', basis: `a word for the people of a place (${tally})` }
  // a full name with a known given name ("Craig David") is a person unless things clearly outweigh
  const knownGiven = !oneWord && GIVEN_NAMES.has(words[0]!)
  const outweighs = knownGiven
    ? thing.count >= 3 && thing.count >= 3 * Math.max(person, 1)
    : thing.count >= 1 && (person === 0 || (thing.count >= 2 && thing.count >= 2 * person))
  if (outweighs) return { kind: thing.kind, basis: `written as ${kindPhrase(thing.kind)} (${tally})` }
  if (!oneWord) {
    // "Angry Men", "Night Season", "Carry On Again Doctor": a title that opens with a common word, not a given name or a title
    if (person === 0 && COMMON_WORDS.has(words[0]!.toLowerCase()) && !knownGiven && !startsWithHonorific(name))
      return { kind: 'not-person', basis: `a name that opens with a common word, and nothing that marks a person (${tally})` }
    return { kind: 'person', basis: tally }
  }
  // one word needs the strongest evidence: a common word ("Election") clues beyond a title, any other a clue or a known name
  const word = words[0]!
  const untitled = person - e.titled
  if ((COMMON_WORDS.has(word.toLowerCase()) || e.lowercase > 0) && untitled < 2)
    return { kind: 'not-person', basis: `a common word capitalised (${tally})` }
  if (person === 0 && !GIVEN_NAMES.has(word) && !SURNAMES.has(word))
    return { kind: 'not-person', basis: `one word, no known name, nothing that marks a person (${tally})` }
  return { kind: 'person', basis: tally }
}

/**
 * The person-hood of every resolved person of a corpus held in memory (the evaluation's view;
 * ingest decides from the stored rows, ingest/people-counts.ts): each record's articles summed.
 */
export function recordPersonhood(
  people: Map<string, { name: string }>,
  links: Map<string, ({ status: string; slug?: string } | undefined)[]>,
  entities: Map<string, { entities: ArticleEvidence[] }>,
): Map<string, Personhood> {
  const evidence = new Map<string, ArticleEvidence[]>()
  for (const [id, row] of links)
    row.forEach((link, i) => {
      if (link?.status !== 'person' || !link.slug) return
      const e = entities.get(id)?.entities[i]
      if (e) (evidence.get(link.slug) ?? evidence.set(link.slug, []).get(link.slug)!).push(e)
    })
  return new Map([...people].map(([slug, p]) => [slug, decidePersonhood(p.name, corpusEvidence(evidence.get(slug) ?? []))]))
}
