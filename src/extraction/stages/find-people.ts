import {
  ABBREVIATIONS,
  DEMONYMS,
  DETERMINERS,
  GIVEN_NAMES,
  MONTHS,
  NON_PERSON_HEADS,
  PHRASE_BREAKERS,
  PLACE_WORDS,
  ROLE_NOUNS,
  TITLE_HEADS,
  TITLE_WORDS,
  WEEKDAYS,
} from '../lexicon/index.js'
import type { Span, Token } from '../types.js'
import type { EntitySpan } from './tag-entities.js'
import { isCapitalised } from './tokenize.js'
import { SpanIndex } from '../spans.js'

/** A person name found in the text, before the mentions of one person are merged. */
export interface NameCandidate extends Span {
  /** Name tokens joined by single spaces, noise removed ("Alexei Navalny"). */
  name: string
  tokens: string[]
  /** Title written with the name ("Chinese President", "foreign affairs adviser"), if any. */
  title: string | null
  /** The title and name as one alias when the name is partial ("President Putin"). */
  titled: string | null
  /** Why it is believed to be a person: a title, a role noun, a known given name, or the learned tagger. */
  evidence: 'title' | 'role' | 'given-name' | 'tagger'
}

/**
 * A word that heads an organisation, place or event ("Bank", "Bill", "Cup"). A given name that
 * opens a longer name is no head: "Bill Gates" is a person, "the Finance Bill" is not.
 */
const isNonPersonHead = (words: string[], k: number) =>
  NON_PERSON_HEADS.has(words[k]!) && !(k === 0 && words.length > 1 && GIVEN_NAMES.has(words[k]!))

const CONNECTORS = new Set(['of', 'for', 'and', 'the'])
const PARTICLES = new Set([
  'de',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'ibn',
  'al',
  'el',
  'da',
  'di',
  'du',
  'le',
  'la',
  'del',
  'dos',
  'ter',
  'y',
])
const SENTENCE_OPENERS = new Set([
  ...DETERMINERS,
  'In',
  'On',
  'At',
  'After',
  'Before',
  'During',
  'According',
  'Both',
  'Other',
  'Some',
  'Many',
  'Most',
  'All',
  'It',
  'He',
  'She',
  'They',
  'We',
  'I',
  'You',
  'But',
  'And',
  'Or',
  'So',
  'Yet',
  'As',
  'If',
  'When',
  'While',
  'Although',
  'Though',
  'Because',
  'Since',
  'For',
  'With',
  'Without',
  'From',
  'To',
  'By',
  'Meanwhile',
  'However',
  'Currently',
  'Now',
  'Then',
  'Still',
  'Also',
  'Even',
  'Only',
  'Last',
  'Next',
  'There',
  'Here',
  'Where',
  'What',
  'Who',
  'Why',
  'How',
  'Under',
  'Over',
  'About',
  'Despite',
  'Among',
])

const FUNCTION_WORDS = new Set([
  'it',
  'in',
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'to',
  'is',
  'at',
  'on',
  'for',
  'with',
  'by',
  'from',
  'as',
  'but',
  'not',
  'this',
  'that',
  'my',
  'your',
  'our',
  'we',
  'you',
  'i',
  'he',
  'she',
  'they',
  'be',
  'are',
  'was',
  'were',
])

const isAcronym = (t: string) => t.length > 1 && t === t.toUpperCase() && /\p{Lu}/u.test(t)
const isTitleWord = (t: string) => TITLE_WORDS.has(t) || DEMONYMS.has(t)
const isNameWord = (t: string) =>
  isCapitalised(t) && !isAcronym(t.replace(/\.$/, '')) && !MONTHS.has(t) && !WEEKDAYS.has(t) && /^\p{Lu}[\p{L}\p{M}'’-]*\.?$/u.test(t)

/** Lowercase role phrase directly before a name ("foreign affairs adviser", "opposition leader"). */
function rolePhraseBefore(tokens: Token[], i: number): { text: string; start: number } | null {
  const head = tokens[i - 1]
  if (!head || head.sentence !== tokens[i]!.sentence || !ROLE_NOUNS.has(head.text.toLowerCase()) || isCapitalised(head.text)) return null
  let j = i - 1
  while (j - 1 >= 0 && i - 1 - (j - 1) < 4) {
    const prev = tokens[j - 1]!
    if (prev.sentence !== head.sentence || !/^\p{L}/u.test(prev.text)) break
    const lower = prev.text.toLowerCase()
    if (PHRASE_BREAKERS.has(lower) || DETERMINERS.has(prev.text) || /(ed|ing|ly)$/.test(lower)) break
    if (isCapitalised(prev.text) && !DEMONYMS.has(prev.text) && !TITLE_WORDS.has(prev.text)) break
    j--
  }
  return {
    text: tokens
      .slice(j, i)
      .map((t) => t.text)
      .join(' '),
    start: tokens[j]!.start,
  }
}

/** Initials that open a name ("P.W. Botha", "W.N.F. Chandraratne"), not a country's or body's ("U.S. President"). */
function initialsBeforeName(tokens: Token[], i: number): boolean {
  const t = tokens[i]!.text
  const next = tokens[i + 1]
  return (
    t.charCodeAt(1) === 46 && // '.': most tokens fail here, before the pattern
    /^(\p{Lu}\.){2,3}$/u.test(t) &&
    !ABBREVIATIONS.has(t.slice(0, -1)) &&
    !!next &&
    next.sentence === tokens[i]!.sentence &&
    next.start === tokens[i]!.end + 1 &&
    isNameWord(next.text) &&
    !isTitleWord(next.text) &&
    !NON_PERSON_HEADS.has(next.text)
  )
}

interface Run {
  from: number
  to: number
} // token indices, `to` exclusive

/** Maximal runs of capitalised words in a sentence, with title connectors and name particles. */
function capitalisedRuns(tokens: Token[]): Run[] {
  const runs: Run[] = []
  let i = 0
  while (i < tokens.length) {
    if (!isNameWord(tokens[i]!.text) && !initialsBeforeName(tokens, i)) {
      i++
      continue
    }
    const from = i
    let allTitle = isTitleWord(tokens[i]!.text)
    let j = i + 1
    while (j < tokens.length && tokens[j]!.sentence === tokens[from]!.sentence) {
      const t = tokens[j]!.text
      const next = tokens[j + 1]
      const nextIsName = !!next && next.sentence === tokens[from]!.sentence && isNameWord(next.text)
      if (isNameWord(t)) {
        allTitle &&= isTitleWord(t)
        j++
        continue
      }
      if (allTitle && CONNECTORS.has(t) && nextIsName) {
        j++
        continue
      }
      if (!allTitle && PARTICLES.has(t) && nextIsName) {
        j++
        continue
      }
      // "Alexei. Navalny.": a stray period between a given name and a capitalised word
      if (t === '.' && nextIsName && j - 1 === from && GIVEN_NAMES.has(tokens[j - 1]!.text) && tokens[j]!.start === tokens[j - 1]!.end) {
        j++
        continue
      }
      break
    }
    runs.push({ from, to: j })
    i = j
  }
  return runs
}

function candidateFromRun(tokens: Token[], run: Run): NameCandidate | null {
  let from = run.from
  const first = tokens[from]!
  const sentenceInitial = from === 0 || tokens[from - 1]!.sentence !== first.sentence
  if (sentenceInitial && SENTENCE_OPENERS.has(first.text)) from++
  // split the leading title ("Russian Deputy Foreign Minister") from the name
  let nameFrom = from
  while (nameFrom < run.to - 1 && (isTitleWord(tokens[nameFrom]!.text) || CONNECTORS.has(tokens[nameFrom]!.text))) nameFrom++
  const nameTokens = tokens.slice(nameFrom, run.to).filter((t) => t.text !== '.')
  if (nameTokens.length === 0 || nameTokens.length > 4) return null
  const words = nameTokens.map((t) => t.text.replace(/\.$/, (m) => (nameTokens.length > 1 && t === nameTokens.at(-1) ? '' : m)))
  if (words.some((w, k) => isNonPersonHead(words, k) || DEMONYMS.has(w) || TITLE_WORDS.has(w) || PLACE_WORDS.has(w))) return null
  const titleTokens = tokens.slice(from, nameFrom)
  const hasPersonTitle = titleTokens.some((t) => TITLE_HEADS.has(t.text))
  const role = nameFrom === from ? rolePhraseBefore(tokens, from) : null
  const givenName = words.length >= 2 && GIVEN_NAMES.has(words[0]!)
  const evidence = hasPersonTitle ? 'title' : role ? 'role' : givenName ? 'given-name' : null
  if (!evidence) return null
  const title = hasPersonTitle ? titleTokens.map((t) => t.text).join(' ') : (role?.text ?? null)
  return {
    name: words.join(' '),
    tokens: words,
    title,
    titled: hasPersonTitle ? `${title} ${words.join(' ')}` : null,
    evidence,
    start: nameTokens[0]!.start,
    end: nameTokens.at(-1)!.end,
  }
}

/** Title words written directly before a tagged name ("Chinese President" before "Xi Jinping"). */
function titleBefore(tokens: Token[], from: number): { text: string; titled: boolean } | null {
  let j = from
  while (
    j > 0 &&
    tokens[j - 1]!.sentence === tokens[from]!.sentence &&
    (isTitleWord(tokens[j - 1]!.text) || (CONNECTORS.has(tokens[j - 1]!.text) && j - 2 >= 0 && isTitleWord(tokens[j - 2]!.text)))
  )
    j--
  while (j < from && CONNECTORS.has(tokens[j]!.text)) j++
  const words = tokens.slice(j, from)
  if (words.some((t) => TITLE_HEADS.has(t.text))) return { text: words.map((t) => t.text).join(' '), titled: true }
  const role = rolePhraseBefore(tokens, from)
  return role ? { text: role.text, titled: false } : null
}

/** Reporting verbs that open a sentence before the speaker's name. */
const REPORTING_OPENERS = new Set(['Said', 'Says', 'Added', 'Asked', 'Told', 'Wrote', 'Writes'])

/** A name the learned tagger found, with the title or role written before it. */
function candidateFromEntity(tokens: Token[], e: EntitySpan): NameCandidate | null {
  // an honorific or title the tagger took into the span ("Mr. Guajardo") is the title, not the name
  let from = e.from
  while (from < e.to && isTitleWord(tokens[from]!.text)) from++
  // a role noun the tagger took in ("Sisters Moira Lynch") is not the name either
  while (from < e.to - 2 && ROLE_NOUNS.has(tokens[from]!.text.toLowerCase().replace(/s$/, ''))) from++
  // a reporting verb opening the sentence ("Said Ellis: ...") opens the attribution, not the name
  if (from < e.to - 1 && REPORTING_OPENERS.has(tokens[from]!.text) && (from === 0 || tokens[from - 1]!.sentence !== tokens[from]!.sentence))
    from++
  if (from === e.to) return null
  // initials the tagger left out ("O.J." of "O.J. Simpson")
  if (from === e.from && from > 0 && initialsBeforeName(tokens, from - 1)) from--
  const nameTokens = tokens.slice(from, e.to).filter((t) => t.text !== '.' && t.text !== '"' && t.text !== '’s' && t.text !== "'s")
  if (nameTokens.length === 0 || nameTokens.length > 5) return null
  const words = nameTokens.map((t, k) => (k === nameTokens.length - 1 && nameTokens.length > 1 ? t.text.replace(/\.$/, '') : t.text))
  // names hold no capitalised function words ("See It In A Boy") and no nationality or party words
  if (
    !words.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(w)) ||
    words.some((w, k) => PLACE_WORDS.has(w) || isNonPersonHead(words, k) || DEMONYMS.has(w) || FUNCTION_WORDS.has(w.toLowerCase()))
  )
    return null
  const title = titleBefore(tokens, from)
  return {
    name: words.join(' '),
    tokens: words,
    title: title?.text ?? null,
    titled: title?.titled ? `${title.text} ${words.join(' ')}` : null,
    evidence: 'tagger',
    start: nameTokens[0]!.start,
    end: nameTokens.at(-1)!.end,
  }
}

const NUMBER = /^\d+$/

/**
 * Token indices of the teams of score lines ("Ajax 2 PSV 1", "Ross County 1 Queen's Park 2 (half-time 0-1)"):
 * a sentence of two runs of capitalised words, each followed by one number (and maybe its country in brackets). Clubs and countries,
 * never people (one line in CoNLL-2003 train's 490 has a person there).
 */
function scoreLineTeams(tokens: Token[]): Set<number> {
  const teams = new Set<number>()
  let from = 0
  while (from < tokens.length) {
    let to = from
    while (to < tokens.length && tokens[to]!.sentence === tokens[from]!.sentence) to++
    // team, score, team, score, then at most a parenthesis
    const segments: number[][] = []
    let k = from
    let ok = true
    while (ok && k < to && segments.length < 2) {
      const seg: number[] = []
      while (k < to && !NUMBER.test(tokens[k]!.text) && /^[\p{L}'’.&-]/u.test(tokens[k]!.text)) seg.push(k++)
      // the team's country in brackets ("Levski Sofia (Bulgaria) 1 Olimpija (Slovenia) 0")
      if (tokens[k]?.text === '(' && tokens[k + 2]?.text === ')' && k + 3 < to) k += 3
      ok = seg.length > 0 && seg.length <= 5 && /^\p{Lu}/u.test(tokens[seg[0]!]!.text) && k < to && NUMBER.test(tokens[k]!.text)
      if (ok) {
        segments.push(seg)
        k++
      }
    }
    if (ok && segments.length === 2 && (k === to || tokens[k]!.text === '(')) for (const seg of segments) for (const i of seg) teams.add(i)
    from = to
  }
  return teams
}

/** Drops a date that the tagger took into a name ("Allensbach May 15", "Forsa June 6"): a month or weekday before a number. */
function trimDates(e: EntitySpan, tokens: Token[]): EntitySpan {
  const { from } = e
  let { to } = e
  const date = (k: number) =>
    (MONTHS.has(tokens[k]!.text) ||
      WEEKDAYS.has(tokens[k]!.text) ||
      /^(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/.test(tokens[k]!.text)) &&
    NUMBER.test(tokens[k + 1]?.text ?? '')
  while (to > from && date(to - 1)) to--
  return { ...e, from, to }
}

/**
 * Person names with their written titles: capitalised runs backed by a title, role noun or given
 * name, and the names the learned tagger marks as persons. A given-name guess that the tagger
 * calls an organisation or place ("Jackson Hole") is dropped; title evidence always stands.
 */
export function findPersonNames(tokens: Token[], entities: EntitySpan[] = []): NameCandidate[] {
  const teams = scoreLineTeams(tokens)
  entities = entities.map((e) => (e.type === 'PER' ? trimDates(e, tokens) : e)).filter((e) => e.to > e.from)
  const inTeam = (c: Span) => tokens.some((t, i) => teams.has(i) && t.start < c.end && c.start < t.end)
  const spanOf = (e: EntitySpan) => ({ start: tokens[e.from]!.start, end: tokens[e.to - 1]!.end })
  const nonPerson = new SpanIndex(entities.filter((e) => e.type !== 'PER').map(spanOf))
  const rules = capitalisedRuns(tokens)
    .map((run) => candidateFromRun(tokens, run))
    .filter((c): c is NameCandidate => c !== null)
    .filter((c) => c.evidence !== 'given-name' || !nonPerson.overlapsAny(c))
  const ruled = new SpanIndex(rules)
  const tagged = entities
    .filter((e) => e.type === 'PER' && !ruled.overlapsAny(spanOf(e)))
    .map((e) => candidateFromEntity(tokens, e))
    .filter((c): c is NameCandidate => c !== null)
  const found = [...rules, ...tagged].sort((a, b) => a.start - b.start)
  return teams.size > 0 ? found.filter((c) => !inTeam(c)) : found
}

export { capitalisedRuns, isNameWord }
