import { DEMONYMS, DESCRIPTION_NOUNS, GROUP_NOUNS, NON_PERSON_HEADS, ORGANIZATION_NOUNS, ROLE_NOUNS } from '../lexicon/index.js'
import type { ExtractedQuote, Mention, PersonEntity, Sentence, Speaker, SpeakerType, Span } from '../types.js'
import { FINITE, IRREGULAR_PAST, PRONOUN_SPEAKERS } from '../lexicon/quote-words.js'
import type { QuoteCandidate } from './find-quotes.js'
import { descriptionReferent } from './resolve-people.js'
import { speakerHead } from './speaker-names.js'
import { firstStartingAt, overlaps, sentenceAt } from '../spans.js'

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her'])
const GROUP_PRONOUNS = new Set(['they', 'we'])

interface IndexedMention {
  person: number
  m: Mention
  /** The mention's start, for binary search. */
  start: number
}

/** Every mention of the article's people with the index of its person, in text order (built once per article). */
const mentionIndex = (people: PersonEntity[]): IndexedMention[] =>
  people.flatMap((p, person) => p.mentions.map((m) => ({ person, m, start: m.start }))).sort((a, b) => a.start - b.start)

/** The longest a mention can be: a binary search starts this far before a span. */
const LONGEST_MENTION = 200

/**
 * The person a speaker phrase names: the mention that heads it, not one that only modifies it — a
 * possessive ("Putin’s adviser Yuri Ushakov" is Ushakov) or the object of a preposition ("a
 * spokeswoman for Hillary Clinton" is not Clinton), or a name before a role noun ("Chelsea boss Jose
 * Mourinho" is Mourinho). Among heads, the first wins ("Richard Revesz,
 * director of ...").
 */
function personNamedIn(body: string, mentions: IndexedMention[], s: Span): number | null {
  const near: IndexedMention[] = []
  for (let k = firstStartingAt(mentions, s.start - LONGEST_MENTION); k < mentions.length && mentions[k]!.start < s.end; k++)
    near.push(mentions[k]!)
  const heads = near.filter(
    ({ m }) =>
      m.kind !== 'pronoun' &&
      overlaps(m, s) &&
      !/^['’]s\b/.test(body.slice(m.end, m.end + 3)) &&
      !/\b(for|of|to|with|at|on|by|from)\s+$/i.test(body.slice(Math.max(s.start, m.start - 6), m.start)),
  )
  // a name before a role noun and another name modifies that role: "Chelsea boss Jose Mourinho" is Mourinho
  const modifier = (h: IndexedMention) => {
    const after = /^\s+([a-z-]+)\s+/.exec(body.slice(h.m.end, h.m.end + 40))
    return !!after && ROLE_NOUNS.has(after[1]!) && heads.some((o) => o.m.start === h.m.end + after[0].length)
  }
  return heads.filter((h) => !modifier(h)).sort((a, b) => a.m.start - b.m.start)[0]?.person ?? null
}

/** The last person mention before `offset` (names, aliases and descriptions). */
function lastMentionBefore(mentions: IndexedMention[], offset: number): IndexedMention | null {
  for (let k = firstStartingAt(mentions, offset) - 1; k >= 0; k--) if (mentions[k]!.m.end <= offset) return mentions[k]!
  return null
}

/** Type of a speaker that is not a person of the article, from the shape of its phrase. */
export function classifySpeaker(text: string): SpeakerType {
  // the head of "a spokeswoman for the campaign" is "spokeswoman": cut at a preposition or comma
  const words = text
    .split(/,|\s+(?:for|of|at|on|from|with)\s+/)[0]!
    .trim()
    .split(/\s+/)
  const head = words.at(-1)!.replace(/[’']s$/, '')
  // an honorific or a title before a name addresses a person ("Mr Blair", "Prime Minister Tony Blair")
  if (/^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady)\.?$/.test(words[0]!) && words.length > 1) return 'person'
  // a role noun heads a person's description, unless a capitalised name makes it an institution ("the Scottish Executive")
  if (ROLE_NOUNS.has(head.toLowerCase()) && !(/^\p{Lu}/u.test(head) && words.length > 1 && /^\p{Lu}/u.test(words.at(-2)!))) return 'person'
  const lowerHead = head.toLowerCase()
  if (
    GROUP_PRONOUNS.has(lowerHead) ||
    GROUP_NOUNS.has(lowerHead) ||
    / and |, /.test(text) ||
    /^(other|some|many|several|two|three|both)\b/i.test(text)
  )
    return 'group'
  if (ORGANIZATION_NOUNS.has(lowerHead) || words.some((w) => NON_PERSON_HEADS.has(w.replace(/[’']s$/, ''))) || /^\p{Lu}{2,}$/u.test(head))
    return 'organization'
  if (/^\p{Lu}/u.test(head) && !DEMONYMS.has(head)) return 'organization'
  if (/s$/.test(lowerHead) && !/ss$/.test(lowerHead)) return 'group'
  return 'unknown'
}

/** The pronoun the text uses for a person, when known. */
export type Referred = 'he' | 'she' | 'they' | null

interface Context {
  body: string
  people: PersonEntity[]
  sentences: Sentence[]
  /** The people's mentions in text order; built from `people` when absent. */
  mentions?: IndexedMention[]
  /** How the article refers to each person (from the text: honorifics, pronouns; see refer-gender). */
  genders?: Referred[]
  /** Every quote's content, in text order: people named inside what was said are not its speaker's antecedents. */
  quoted?: Span[]
  /** Organisation names in the text (the tagger's), in text order: what "it" and "the firm" refer back to. */
  organizations?: (Span & { text: string })[]
  /** What the pronouns resolved so far made of a person's gender ("he said" resolved to X: X is "he"). */
  learned?: Map<number, Referred>
}

/** The latest earlier quote with a resolved person that ends within 600 characters before `offset` (earlier quotes in text order). */
function recentSpeaker(previous: ExtractedQuote[], offset: number): ExtractedQuote | undefined {
  for (let k = previous.length - 1; k >= 0; k--) {
    const p = previous[k]!
    if (p.speaker.person !== null && offset - p.end < 600) return p
    // quotes are in order of start; one that starts this far back, and all before it, end too early
    if (offset - p.start > 600 + LONGEST_QUOTE) return undefined
  }
  return undefined
}

/** A bound on a quote's length for the backward search above (longer ones are rare and only end it early). */
const LONGEST_QUOTE = 5000

/** Words that cannot follow a sentence's subject as its verb. */
const NOT_VERBS = new Set(['and', 'or', 'of', 'in', 'on', 'at', 'for', 'with', 'to', 'from', 'by', 'as', 'who', 'whose', 'which'])

/**
 * The person a sentence is about: its first mention (a name, or a description resolved to a
 * person), with no words before it but a possessive modifier ("Iowa State University’s Dianne
 * Bystrom agreed."), and a lower-case word after it (the verb).
 */
function subjectOf(ctx: Context, mentions: IndexedMention[], sentence: Sentence): IndexedMention | null {
  const subject = mentions[firstStartingAt(mentions, sentence.start)]
  if (!subject || subject.m.kind === 'pronoun' || subject.m.end > sentence.end) return null
  // before the name: nothing, a possessive ("Iowa State University’s"), and a role ("local government spokesman")
  // an introductory phrase may come first ("After the match, Keane accused …")
  const lead =
    /^(?:\p{Lu}[\p{L}\p{N}'’ -]{1,40},\s+)?((?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*['’]s\s+)?((?:[\p{L}-]+\s+){0,4})$/u.exec(
      ctx.body.slice(sentence.start, subject.m.start),
    )
  if (!lead) return null
  if (lead[2] !== '' && !ROLE_NOUNS.has(lead[2]!.trim().split(/\s+/).at(-1)!.toLowerCase())) return null
  // the verb follows the name, or an apposition between commas ("Steven Gerrard, 24, has …")
  const verb = /^(?:,[^,.;:!?“”"]{1,120},)?\s+(\p{Ll}+)\b/u.exec(ctx.body.slice(subject.m.end, subject.m.end + 160))
  return verb && !NOT_VERBS.has(verb[1]!) ? subject : null
}

/**
 * '… Dianne Bystrom agreed. “Mainstream Republicans are …”': a quotation with no attribution that
 * opens a sentence right after one whose subject is a person, in the same paragraph, is that
 * person's: news writing introduces a speaker so before quoting them. A sentence holding a quote of
 * its own introduces nobody: the running speaker goes on.
 */
function introducedSpeaker(ctx: Context, mentions: IndexedMention[], q: QuoteCandidate, previous: ExtractedQuote[]): IndexedMention | null {
  const own = ctx.sentences[q.sentence]
  const before = ctx.sentences[q.sentence - 1]
  if (!own || !before || before.paragraph !== own.paragraph || own.start < q.content.start - 2) return null
  const last = previous.at(-1)
  if (last && last.end > before.start) return null
  return subjectOf(ctx, mentions, before)
}

/** The gender a person is known by in this article: from the text, else from the pronouns resolved to them so far. */
const genderOf = (ctx: Context, person: number): Referred => ctx.genders?.[person] ?? ctx.learned?.get(person) ?? null

/** Whether a mention stands inside what someone said (a person named in a quote is not its speaker's antecedent). */
function insideQuoted(ctx: Context, m: Span): boolean {
  const quoted = ctx.quoted ?? []
  const k = firstStartingAt(quoted, m.start + 1) - 1
  for (let j = k; j >= 0 && j > k - 4; j--) if (quoted[j]!.start <= m.start && quoted[j]!.end >= m.end) return true
  return false
}

/** The subject of a sentence's last clause joined by a conjunction, if a person opens it. */
function lastClauseSubject(ctx: Context, mentions: IndexedMention[], sentence: Sentence): IndexedMention | null {
  const clauses = [...sentence.text.matchAll(/[,;]?\s(?:but|and|while|although|whereas)\s/g)]
  const last = clauses.at(-1)
  if (!last) return null
  const start = sentence.start + last.index + last[0].length
  return subjectOf(ctx, mentions, { ...sentence, start, text: ctx.body.slice(start, sentence.end) })
}

/** How far back a pronoun looks for its referent: this many sentences, within the paragraph and the one before. */
const PRONOUN_REACH = 4

/**
 * The person a "he"/"she" speaker refers to. News writing introduces a speaker, then refers back to
 * them: the pronoun takes the most salient person before it who agrees in gender, read sentence by
 * sentence backwards — the speaker of a quote in that sentence, else the sentence's subject ("Gerrard
 * had said …"); a sentence opened by the same pronoun goes on with the same person, so the search
 * passes it; people named inside quotes or only as objects are the last resort. A person the
 * article calls "she" is never "he".
 */
function pronounReferent(
  ctx: Context,
  mentions: IndexedMention[],
  q: QuoteCandidate,
  previous: ExtractedQuote[],
  want: 'he' | 'she',
): { person: number; by: string } | null {
  const pronoun = q.speaker!
  // this quote's own words without quotation marks are the rules' guess at its extent (it may
  // have swallowed narrative that introduces the speaker): a person named there stays a candidate
  const guessed = (q.parts ?? [q.content]).filter((part) => !quoted(ctx.body, part))
  const excluded = (m: Span) => insideQuoted(ctx, m) && !guessed.some((g) => g.start <= m.start && m.end <= g.end)
  const agrees = (person: number) => {
    const g = genderOf(ctx, person)
    return g === null || g === want
  }
  const at = sentenceAt(ctx.sentences, pronoun.start)
  const own = ctx.sentences[at]
  if (!own) return null
  let object: number | null = null
  for (let k = at; k >= 0 && at - k < PRONOUN_REACH; k--) {
    const sentence = ctx.sentences[k]!
    if (own.paragraph - sentence.paragraph > 1) break
    const limit = k === at ? pronoun.start : sentence.end
    // the speaker of the latest quote in this sentence (its attribution stands before the pronoun)
    const spoken = [...previous]
      .reverse()
      .find((p) => p.speaker.person !== null && p.speaker.start !== null && p.speaker.start >= sentence.start && p.speaker.start < limit)
    if (spoken && agrees(spoken.speaker.person!)) return { person: spoken.speaker.person!, by: 'pronoun-speaker' }
    // the splitter may leave a sentence joined to the one before ('… “B”. He said'): read that part alone
    const joined = k === at && /[.!?]["”’]?\s+$/.test(ctx.body.slice(sentence.start, pronoun.start))
    if (joined) {
      const before = { ...sentence, end: pronoun.start, text: ctx.body.slice(sentence.start, pronoun.start) }
      const subject = lastClauseSubject(ctx, mentions, before) ?? subjectOf(ctx, mentions, before)
      if (subject && agrees(subject.person) && !excluded(subject.m)) return { person: subject.person, by: 'pronoun-subject' }
    }
    if (k < at) {
      // "He said …" after a sentence opened by the same pronoun: the same person goes on
      const opener = /^\W*(\p{L}+)/u.exec(sentence.text)?.[1]?.toLowerCase()
      if (opener === want || (opener === 'his' && want === 'he') || (opener === 'her' && want === 'she')) {
        const running = recentSpeaker(previous, q.content.start)
        if (running && agrees(running.speaker.person!)) return { person: running.speaker.person!, by: 'pronoun-running' }
        continue
      }
      // the subject of its last coordinated clause is the more recent ("…, but captain Fabien Pelous sees …")
      const subject = lastClauseSubject(ctx, mentions, sentence) ?? subjectOf(ctx, mentions, sentence)
      if (subject && agrees(subject.person) && !excluded(subject.m)) return { person: subject.person, by: 'pronoun-subject' }
    }
    // a person named in the sentence, outside quotes: the fallback when no subject or speaker is found
    if (object === null)
      for (let j = firstStartingAt(mentions, limit) - 1; j >= 0 && mentions[j]!.start >= sentence.start; j--) {
        const m = mentions[j]!
        if (m.m.kind !== 'pronoun' && m.m.end <= limit && agrees(m.person) && !excluded(m.m)) {
          object = m.person
          break
        }
      }
  }
  // news writing keeps a speaker across consecutive attributions: "X said ... He said ..."
  const recent = recentSpeaker(previous, q.content.start)
  if (recent && agrees(recent.speaker.person!)) return { person: recent.speaker.person!, by: 'pronoun-previous-speaker' }
  if (object !== null) return { person: object, by: 'pronoun-nearest' }
  for (let j = firstStartingAt(mentions, pronoun.start) - 1; j >= 0; j--) {
    const m = mentions[j]!
    if (m.m.kind !== 'pronoun' && m.m.end <= pronoun.start && agrees(m.person) && !excluded(m.m))
      return { person: m.person, by: 'pronoun-nearest' }
  }
  return null
}

/** Words that end a noun phrase read backwards from a relative pronoun (a verb, a preposition, a conjunction). */
const ANTECEDENT_STOPS = /^(?:of|by|with|to|for|from|in|on|at|as|and|or|but|than|that|said|says|told|\p{Ll}+ing|\p{Ll}+ed)$/u

/** The noun phrase a relative "who" at `at` follows: up to five words back, not past punctuation, a verb or a preposition. */
function antecedentPhrase(body: string, at: number): Span | null {
  const before = body.slice(Math.max(0, at - 80), at)
  const m = /((?:[\p{L}\p{N}’'-]+\s+){0,5}[\p{L}\p{N}’'-]+)[,\s]*$/u.exec(before)
  if (!m) return null
  const words = m[1]!.trim().split(/\s+/)
  let first = words.length
  const stops = (w: string) =>
    ANTECEDENT_STOPS.test(w) ||
    FINITE.has(w) ||
    IRREGULAR_PAST.has(w) ||
    PERSON_PRONOUNS.has(w.toLowerCase()) ||
    GROUP_PRONOUNS.has(w.toLowerCase())
  while (first > 0 && words.length - first < 5 && !stops(words[first - 1]!)) first--
  const kept = words.slice(first)
  if (kept.length === 0 || !/\p{L}/u.test(kept.at(-1)!)) return null
  const text = kept.join(' ')
  const start = body.lastIndexOf(text, at)
  return start < 0 ? null : { start, end: start + text.length }
}

/** Resolves who spoke: a named person, a pronoun or description referring to one, or an organisation/group. */
export function resolveSpeaker(ctx: Context, q: QuoteCandidate, previous: ExtractedQuote[]): Speaker & { resolvedBy: string } {
  const mentions = (ctx.mentions ??= mentionIndex(ctx.people))
  if (!q.speaker) {
    const introduced = q.pattern === 'quotation' ? introducedSpeaker(ctx, mentions, q, previous) : null
    if (introduced) {
      const { m, person } = introduced
      return { text: m.text, start: m.start, end: m.end, type: 'person', person, name: ctx.people[person]!.name, resolvedBy: 'introduced' }
    }
    const last = previous.at(-1)
    return last && !q.unnamedSpeaker
      ? { ...last.speaker, text: null, start: null, end: null, resolvedBy: 'continuation' }
      : { text: null, start: null, end: null, type: 'unknown', person: null, name: 'unknown', resolvedBy: 'none' }
  }
  const text = ctx.body.slice(q.speaker.start, q.speaker.end)
  const base = { text, start: q.speaker.start, end: q.speaker.end }
  const asPerson = (person: number, resolvedBy: string) => ({
    ...base,
    type: 'person' as const,
    person,
    name: ctx.people[person]!.name,
    resolvedBy,
  })
  const named = personNamedIn(ctx.body, mentions, q.speaker)
  if (named !== null) return asPerson(named, 'name')
  const lower = text.toLowerCase()
  if (lower === 'who') {
    // the antecedent: the person named just before ("Richard Revesz, who said …")
    const antecedent = lastMentionBefore(mentions, q.speaker.start)
    if (antecedent && q.speaker.start - antecedent.m.end < 60) return asPerson(antecedent.person, 'relative')
    // no person: the noun phrase right before it ("echoing some far-right commentators who have suggested …")
    const phrase = antecedentPhrase(ctx.body, q.speaker.start)
    if (phrase) {
      const words = ctx.body.slice(phrase.start, phrase.end)
      return { ...base, type: classifySpeaker(words), person: null, name: words.replace(/^[Tt]he /, ''), resolvedBy: 'relative' }
    }
    return { ...base, type: 'unknown', person: null, name: text, resolvedBy: 'relative-unresolved' }
  }
  if (PERSON_PRONOUNS.has(lower)) {
    const found = pronounReferent(ctx, mentions, q, previous, lower === 'she' || lower === 'her' ? 'she' : 'he')
    if (found) {
      if (!ctx.learned) ctx.learned = new Map()
      if (!ctx.learned.has(found.person)) ctx.learned.set(found.person, lower === 'she' || lower === 'her' ? 'she' : 'he')
      return asPerson(found.person, found.by)
    }
    return { ...base, type: 'person', person: null, name: text, resolvedBy: 'pronoun-unresolved' }
  }
  const description = /^[Tt]he ((?:[\p{L}\p{N}'’-]+ ){0,3})(\p{Ll}+)$/u.exec(text)
  if (description && (DESCRIPTION_NOUNS.has(description[2]!) || ROLE_NOUNS.has(description[2]!))) {
    const who = describedPerson(ctx, mentions, description[1]!.trim(), description[2]!, q.speaker.start)
    if (who !== null) return asPerson(who, 'description')
    if (DESCRIPTION_NOUNS.has(description[2]!) && /^(?:\p{Lu}\p{L}+)?$/u.test(description[1]!.trim()))
      return { ...base, type: 'person', person: null, name: text, resolvedBy: 'description-unresolved' }
  }
  if (lower === 'it' || (description && ORGANIZATION_REFERENCES.has(description[2]!) && !/\p{Lu}/u.test(description[1]!))) {
    const organization = organizationBefore(ctx, q.speaker.start, previous)
    if (organization) return { ...base, type: 'organization', person: null, name: organization, resolvedBy: 'organization-reference' }
  }
  // an apposition or relative clause describes the speaker: the name is the phrase before it
  const head = ctx.body.slice(q.speaker.start, speakerHead(ctx.body, q.speaker).end)
  const described = describedOrganization(head)
  if (described) return { ...base, type: 'organization', person: null, name: described, resolvedBy: 'phrase' }
  return { ...base, type: classifySpeaker(head), person: null, name: head.replace(/^[Tt]he /, ''), resolvedBy: 'phrase' }
}

/** Nouns by which a story refers back to an organisation it named ("the firm said", "the watchdog said", "the report said"). */
const ORGANIZATION_REFERENCES = new Set([
  ...['company', 'firm', 'group', 'bank', 'watchdog', 'regulator', 'ministry', 'department', 'agency', 'charity', 'body'],
  ...['report', 'study', 'survey', 'airline', 'carrier', 'retailer', 'broadcaster', 'club', 'party', 'union', 'council'],
])

/** A single capitalised word opening its sentence ("Even"): a sentence's first word, not evidently a name unless in capitals ("EU"). */
function loneOpeningWord(ctx: Context, speaker: Speaker): boolean {
  if (speaker.start === null || /\s/.test(speaker.name) || /^\p{Lu}{2,}$/u.test(speaker.name)) return false
  return ctx.sentences[sentenceAt(ctx.sentences, speaker.start)]?.start === speaker.start
}

/** How far back "it" or "the firm" looks for the organisation it refers to. */
const ORGANIZATION_REACH = 1200

/**
 * The organisation "it" or "the firm" refers back to: the latest organisation the text names before
 * it (the tagger's organisation names, outside quotes), within a few paragraphs.
 */
function organizationBefore(ctx: Context, offset: number, previous: ExtractedQuote[]): string | null {
  const names = ctx.organizations ?? []
  let tagged: (Span & { text: string }) | null = null
  for (let k = firstStartingAt(names, offset) - 1; k >= 0 && !tagged; k--) {
    const o = names[k]!
    if (offset - o.end > ORGANIZATION_REACH) break
    if (o.end <= offset && !insideQuoted(ctx, o)) tagged = o
  }
  // an organisation that spoke before by name ("Heineken said … It said …")
  const spoke = previous.findLast(
    (p) =>
      p.speaker.type === 'organization' &&
      p.speaker.end !== null &&
      /^\p{Lu}/u.test(p.speaker.name) &&
      !PRONOUN_SPEAKERS.has(p.speaker.name) &&
      !loneOpeningWord(ctx, p.speaker) &&
      offset - p.speaker.end < ORGANIZATION_REACH,
  )
  if (spoke && (!tagged || spoke.speaker.end! > tagged.end)) return spoke.speaker.name
  return tagged?.text ?? null
}

/**
 * The person a description names ("the culture secretary", "the Liverpool captain", "the 26-year-old
 * defender"): the one person whose titles in the article hold its noun and its modifiers (an age
 * fits anyone); when several fit, the one mentioned last before it.
 */
function describedPerson(ctx: Context, mentions: IndexedMention[], modifiers: string, noun: string, offset: number): number | null {
  const words = modifiers.split(/\s+/).filter((w) => w && !/^\d+-year-old$/.test(w) && w !== 'former')
  const titles = ctx.people.map((p) => p.titles.map((t) => t.toLowerCase()))
  const unique = descriptionReferent(words.join(' ').toLowerCase(), noun, titles)
  if (unique !== null) return unique
  // a capitalised modifier names the club, party or firm: written with the title or just before a mention ("Liverpool captain Steven Gerrard")
  const fits = (person: number) =>
    titles[person]!.some((t) => t.split(/\s+/).includes(noun)) &&
    words.every(
      (w) =>
        titles[person]!.some((t) => t.includes(w.toLowerCase())) ||
        (/^\p{Lu}/u.test(w) && ctx.people[person]!.mentions.some((m) => ctx.body.slice(Math.max(0, m.start - 40), m.start).includes(w))),
    )
  for (let k = firstStartingAt(mentions, offset) - 1; k >= 0; k--) if (fits(mentions[k]!.person)) return mentions[k]!.person
  return null
}

/** Nouns that describe an organisation written before its name ("investment bank Merrill Lynch"). */
const ORGANIZATION_DESCRIPTORS = new Set([
  ...ORGANIZATION_NOUNS,
  ...['publication', 'magazine', 'charity', 'body', 'website', 'broadcaster', 'channel', 'giant', 'maker', 'carrier', 'airline'],
  ...['retailer', 'brewer', 'insurer', 'lender', 'operator', 'publisher', 'developer', 'manufacturer', 'producer', 'chain'],
])

/** "investment bank Merrill Lynch", "trade publication Screen Daily": the organisation's name, without its description. */
function describedOrganization(phrase: string): string | null {
  const m = /^(?:[Tt]he\s+)?((?:[\p{L}-]+\s+)*?)(\p{L}+)\s+((?:\p{Lu}[\p{L}&.'’-]*\s*){1,4})$/u.exec(phrase)
  if (!m || !ORGANIZATION_DESCRIPTORS.has(m[2]!.toLowerCase()) || (/^\p{Lu}/u.test(m[2]!) && m[1] !== '')) return null
  return m[3]!.trim()
}

const KIND_MARKS = /[“”"]|''/

const quoted = (body: string, part: Span) =>
  /[“"‘]|''/.test(body.slice(Math.max(0, part.start - 2), part.start)) && /[”"’]|''/.test(body.slice(part.end, part.end + 2))

/**
 * direct when every speech part is wholly inside quotation marks (“A,” she said. “B.”), indirect
 * when no marks are involved, mixed otherwise (reported speech quoting some words).
 */
export function quoteKind(body: string, content: Span, parts: Span[] = [content]): ExtractedQuote['kind'] {
  if (parts.every((p) => quoted(body, p) && !KIND_MARKS.test(body.slice(p.start, p.end)))) return 'direct'
  return parts.some((p) => quoted(body, p) || KIND_MARKS.test(body.slice(p.start, p.end))) ? 'mixed' : 'indirect'
}

function sentenceOf(sentences: Sentence[], offset: number): Span {
  const s = sentences[Math.max(0, sentenceAt(sentences, offset))]!
  return { start: s.start, end: s.end }
}

/** Turns quote candidates into quotes with resolved speakers, in text order. */
export function attributeSpeakers(ctx: Context, candidates: QuoteCandidate[]): ExtractedQuote[] {
  const ordered = [...candidates].sort((a, b) => a.content.start - b.content.start)
  ctx.quoted ??= ordered.flatMap((q) => q.parts ?? [q.content]).sort((a, b) => a.start - b.start)
  const quotes: ExtractedQuote[] = []
  // the running speaker of the story: nested speech ("X said Y responded ...") does not change it
  const outer: ExtractedQuote[] = []
  for (const q of ordered) {
    const speaker = resolveSpeaker(ctx, q, outer)
    const penalty =
      speaker.resolvedBy.startsWith('pronoun') || speaker.resolvedBy === 'description'
        ? 0.05
        : speaker.resolvedBy === 'continuation' || speaker.resolvedBy === 'introduced'
          ? 0.2
          : 0
    const { resolvedBy: _, ...plain } = speaker
    quotes.push({
      start: q.content.start,
      end: q.content.end,
      content: ctx.body.slice(q.content.start, q.content.end),
      parts: q.parts ?? [{ start: q.content.start, end: q.content.end }],
      speaker: plain,
      cue: q.cue,
      cueSpan: q.cueSpan,
      kind: quoteKind(ctx.body, q.content, q.parts),
      via: q.via,
      confidence: Math.round(Math.max(0.05, q.confidence - penalty) * 100) / 100,
      sentence: sentenceOf(ctx.sentences, q.content.start),
    })
    if (!q.pattern.endsWith('-nested')) outer.push(quotes.at(-1)!)
  }
  return quotes
}

/** Adds resolved pronoun speakers as mentions of their person, so mention counts include them. */
export function pronounMentions(people: PersonEntity[], quotes: ExtractedQuote[]): PersonEntity[] {
  const byPerson = new Map<number, Mention[]>()
  for (const q of quotes)
    if (q.speaker.person !== null && q.speaker.text && q.speaker.start !== null && /^(he|she)$/i.test(q.speaker.text))
      (byPerson.get(q.speaker.person) ?? byPerson.set(q.speaker.person, []).get(q.speaker.person)!).push({
        start: q.speaker.start,
        end: q.speaker.end!,
        text: q.speaker.text,
        kind: 'pronoun',
      })
  return people.map((p, i) => {
    const extra = byPerson.get(i)
    return extra ? { ...p, mentions: [...p.mentions, ...extra].sort((a, b) => a.start - b.start) } : p
  })
}
