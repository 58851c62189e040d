import {
  APPOSITION_BREAKERS,
  GENDERED_HONORIFICS,
  GENDERED_ROLES,
  APPOSITION_OPENERS,
  GIVEN_NAME_PRONOUNS,
  PERSON_OBJECT_VERBS,
  PRONOUN_FORMS,
  REFLEXIVES,
  SUBJECT_VERB_FILLERS,
} from '../lexicon/gender.js'
import { OBJECT_SPEECH_VERBS, SPEECH_VERBS } from '../lexicon/index.js'
import { sentenceAt } from '../spans.js'
import type { GenderBasis, Mention, PersonEntity, Pronoun, PronounVotes, ReferredGender, Sentence, Span } from '../types.js'

export type { GenderBasis, Pronoun, PronounVotes, ReferredGender } from '../types.js'

type Votes = ReferredGender['votes']

const noVotes = (): PronounVotes => ({ he: 0, she: 0, they: 0 })
const total = (v: PronounVotes) => v.he + v.she + v.they

/** The classes of evidence, strongest first, with the basis each gives. */
const CLASSES: [keyof Votes, GenderBasis][] = [
  ['honorific', 'honorific'],
  ['role', 'role'],
  ['pronoun', 'pronouns'],
]

/**
 * The pronoun evidence points to: the strongest class that has any evidence decides, when one
 * pronoun has more votes there than any other and at least `minShare` of them (else null:
 * conflicting evidence of equal strength leaves the person unknown). The given-name prior decides only without any other
 * evidence. Used per article (minShare 1/2) and over a person's articles (summed votes).
 */
export function decidePronoun(
  votes: Votes,
  givenName: Pronoun | null,
  minShare = 0.5,
): { pronoun: Pronoun | null; basis: GenderBasis | null } {
  for (const [cls, basis] of CLASSES) {
    const v = votes[cls]
    const n = total(v)
    if (n === 0) continue
    const [top, second] = (Object.entries(v) as [Pronoun, number][]).sort((a, b) => b[1] - a[1])
    return top![1] > second![1] && top![1] / n >= minShare ? { pronoun: top![0], basis } : { pronoun: null, basis: null }
  }
  return givenName ? { pronoun: givenName, basis: 'given-name' } : { pronoun: null, basis: null }
}

/** Mentions that name or describe the person; pronouns another stage resolved to them are no evidence. */
const namedMentions = (p: PersonEntity) => p.mentions.filter((m) => m.kind !== 'pronoun')

interface Word extends Span {
  text: string
}

const WORD_BEFORE = /(?:^|[^\p{L}\p{N}.'’-])([\p{L}][\p{L}'’-]*)\.?\s+$/du

/** The word written directly before a mention ("Ms" in "Ms Smith", "actress" in "actress Jane Doe"). */
function wordBefore(body: string, m: Mention): Word | null {
  const from = Math.max(0, m.start - 24)
  const w = WORD_BEFORE.exec(body.slice(from, m.start))
  if (!w) return null
  const [start, end] = w.indices![1]!
  return { text: w[1]!, start: from + start, end: from + end }
}

const APPOSITION = /^,\s+((?:\d{1,3},\s+)?)([^,;:.!?"“”()[\]]{1,80})/

/** A gendered role noun in an apposition ("Jane Doe, the company's spokeswoman,"), before any word that starts another clause. */
function appositionRole(body: string, m: Mention): Word | null {
  const a = APPOSITION.exec(body.slice(m.end, m.end + 100))
  if (!a) return null
  const from = m.end + a[0].length - a[2]!.length
  const words = wordsOf(a[2]!, from)
  const first = words[0]?.text.toLowerCase()
  if (!first || !(APPOSITION_OPENERS.has(first) || GENDERED_ROLES.has(first) || /['’]s$/.test(first))) return null
  for (const w of words) {
    const lower = w.text.toLowerCase()
    if (APPOSITION_BREAKERS.has(lower)) return null
    if (GENDERED_ROLES.has(lower)) return w
  }
  return null
}

const wordsOf = (text: string, offset = 0): Word[] =>
  [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)].map((w) => ({ text: w[0], start: offset + w.index, end: offset + w.index + w[0].length }))

/** "Ms Smith", "Sir Keir Starmer", "Queen Elizabeth": an honorific written directly before a name. */
function honorificVotes(body: string, person: PersonEntity, mentions: Mention[]): PronounVotes {
  const v = noVotes()
  for (const m of mentions) {
    if (m.kind === 'description') continue
    const word = wordBefore(body, m)
    const pronoun = word ? GENDERED_HONORIFICS.get(word.text) : undefined
    if (pronoun) v[pronoun]++
  }
  // a title kept on the person ("First Lady"), when no mention showed its honorific
  if (total(v) === 0)
    for (const t of person.titles) {
      const pronoun = GENDERED_HONORIFICS.get(t.split(/\s+/).at(-1)!.replace(/\.$/, ''))
      if (pronoun) v[pronoun]++
    }
  return v
}

/** A gendered role noun directly before a name ("actress Jane Doe", "her husband John Roe"); "Queen" there is an honorific. */
function roleBefore(body: string, m: Mention): Pronoun | undefined {
  const w = wordBefore(body, m)
  return w && !GENDERED_HONORIFICS.has(w.text) ? GENDERED_ROLES.get(w.text.toLowerCase()) : undefined
}

/** Gendered role nouns in the person's own title or apposition: "actress Jane Doe", "John Roe, her husband,". */
function roleVotes(body: string, person: PersonEntity, mentions: Mention[]): PronounVotes {
  const v = noVotes()
  for (const m of mentions) {
    if (m.kind === 'description') continue
    const apposition = appositionRole(body, m)
    const pronoun = roleBefore(body, m) ?? (apposition ? GENDERED_ROLES.get(apposition.text.toLowerCase()) : undefined)
    if (pronoun) v[pronoun]++
  }
  if (total(v) === 0)
    for (const t of person.titles) {
      const pronoun = t
        .toLowerCase()
        .split(/\s+/)
        .map((w) => GENDERED_ROLES.get(w))
        .find(Boolean)
      if (pronoun) v[pronoun]++
    }
  return v
}

/** The person's own words in the text: their mentions, the honorific or role before them, their apposition's role noun. */
function ownSpans(body: string, own: Mention[]): Span[] {
  return own.flatMap((m): Span[] => {
    const around = [wordBefore(body, m), m.kind === 'description' ? null : appositionRole(body, m)]
    return [m, ...around.filter((x): x is Word => !!x)]
  })
}

/**
 * Whether a sentence holds another possible referent for `pronoun` than the person: a gendered
 * honorific or role noun that is not the person's own.
 */
function otherReferent(sentence: Sentence, own: Span[], pronoun: Pronoun): boolean {
  return wordsOf(sentence.text, sentence.start).some((w) => {
    if (own.some((o) => w.start >= o.start && w.start < o.end)) return false
    const p = /^\p{Lu}/u.test(w.text) ? GENDERED_HONORIFICS.get(w.text) : GENDERED_ROLES.get(w.text.toLowerCase())
    return p === pronoun
  })
}

/**
 * "X said his …", "X has said she …", "X told reporters he …": the pronoun right after the speech
 * verb whose subject is X, as a word of the text after X's mention.
 */
function speechPronoun(after: string, offset: number): (Word & { pronoun: Pronoun }) | null {
  const lead = /^(?:\s+[a-z]+)+/.exec(after)
  if (!lead) return null
  const words = wordsOf(lead[0], offset)
  let i = 0
  while (i < 3 && SUBJECT_VERB_FILLERS.has(words[i]?.text ?? '')) i++
  const verb = words[i++]?.text
  if (!verb || !SPEECH_VERBS.has(verb)) return null
  // "told her" names someone else: a verb that takes a person object needs one ("told reporters") before the pronoun
  if (OBJECT_SPEECH_VERBS.has(verb)) {
    const object = words[i++]?.text
    if (!object || PRONOUN_FORMS.has(object) || !object.endsWith('s')) return null
  }
  if (words[i]?.text === 'that') i++
  const w = words[i]
  const pronoun = w ? PRONOUN_FORMS.get(w.text) : undefined
  if (!w || !pronoun || pronoun === 'they' || w.text === 'him' || w.text === 'hers') return null
  if (w.text === 'her' && PERSON_OBJECT_VERBS.has(verb)) return null
  return { ...w, pronoun }
}

const EXPLICIT_PRONOUNS = /\b(he|she|they)\s*\/\s*(?:him|her|them|his|hers|their|theirs)(?:\s*\/\s*[a-z]+)?\s+pronouns\b/i
const NON_BINARY = /\b(?:is|identifies as|came out as)\s+non-?binary\b/i
const OPENER = /^(He|She|His|Her)\b/

/** Per sentence, the people it names or describes (pronouns resolved elsewhere are not counted). */
function peopleBySentence(sentences: Sentence[], people: PersonEntity[]): Map<number, Set<number>> {
  const by = new Map<number, Set<number>>()
  people.forEach((p, i) => {
    for (const m of namedMentions(p)) {
      const s = sentenceAt(sentences, m.start)
      if (s >= 0) (by.get(s) ?? by.set(s, new Set()).get(s)!).add(i)
    }
  })
  return by
}

/** "X … . He …": the next sentence (same or next paragraph) opens with a pronoun, and nothing else in X's sentence could take it. */
function openerVote(sentences: Sentence[], k: number, own: Span[], claimed: Set<number>): Pronoun | null {
  const s = sentences[k]!
  const next = sentences[k + 1]
  const opener = next && next.paragraph - s.paragraph <= 1 ? OPENER.exec(next.text)?.[1] : undefined
  if (!opener) return null
  const p = PRONOUN_FORMS.get(opener.toLowerCase())!
  // "X praised her. She …": a pronoun of that gender X's sentence uses otherwise may be the referent
  const rival = wordsOf(s.text, s.start).some(
    (w) =>
      !claimed.has(w.start) && !REFLEXIVES.has(w.text.toLowerCase()) && w.text !== 'his' && PRONOUN_FORMS.get(w.text.toLowerCase()) === p,
  )
  return rival || otherReferent(s, own, p) ? null : p
}

/** Pronouns that refer back to the person without ambiguity: only sentences that name no one else count. */
function pronounVotes(body: string, sentences: Sentence[], own: Mention[], alone: (s: number) => boolean): PronounVotes {
  const v = noVotes()
  const spans = ownSpans(body, own)
  const bySentence = new Map<number, Mention[]>()
  for (const m of own) {
    const k = sentenceAt(sentences, m.start)
    if (k >= 0 && alone(k)) (bySentence.get(k) ?? bySentence.set(k, []).get(k)!).push(m)
  }
  for (const [k, mentions] of bySentence) {
    const s = sentences[k]!
    const claimed = new Set<number>()
    for (const m of mentions) {
      const said = m.kind === 'description' ? null : speechPronoun(body.slice(m.end, s.end), m.end)
      if (said && !otherReferent(s, spans, said.pronoun)) {
        v[said.pronoun]++
        claimed.add(said.start)
      }
    }
    // reflexives after the person's first mention in the sentence
    for (const w of wordsOf(body.slice(mentions[0]!.end, s.end), mentions[0]!.end)) {
      const p = REFLEXIVES.get(w.text.toLowerCase())
      if (p && !otherReferent(s, spans, p)) v[p]++
    }
    const explicit = EXPLICIT_PRONOUNS.exec(s.text)?.[1]?.toLowerCase() as Pronoun | undefined
    if (explicit) v[explicit]++
    else if (NON_BINARY.test(s.text)) v.they++
    const opener = openerVote(sentences, k, spans, claimed)
    if (opener) v[opener]++
  }
  return v
}

/** The given name of a person named in full, as a weak prior; never a surname or a lone name. */
function givenNamePrior(person: PersonEntity): Pronoun | null {
  const words = person.name.split(' ')
  if (words.length < 2) return null
  return GIVEN_NAME_PRONOUNS.get(words[0]!) ?? null
}

/**
 * How the article refers to each of its people (same order): honorifics, gendered role nouns and
 * unambiguous pronouns in the text, with the given name only as a prior. Pure: text in, evidence out.
 */
export function referredGenders(body: string, sentences: Sentence[], people: PersonEntity[]): ReferredGender[] {
  const bySentence = peopleBySentence(sentences, people)
  return people.map((person, i) => {
    const own = namedMentions(person)
    const alone = (s: number) => {
      const who = bySentence.get(s)
      return !!who && who.size === 1 && who.has(i)
    }
    const votes: Votes = {
      honorific: honorificVotes(body, person, own),
      role: roleVotes(body, person, own),
      pronoun: pronounVotes(body, sentences, own, alone),
    }
    const givenName = givenNamePrior(person)
    return {
      ...decidePronoun(votes, givenName),
      evidence: { honorific: total(votes.honorific), pronoun: total(votes.pronoun), role: total(votes.role), givenName },
      votes,
    }
  })
}
