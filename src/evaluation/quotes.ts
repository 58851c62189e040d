import { extract } from '../extraction/pipeline.js'
import type { ArticleText, ExtractedQuote, Extraction, Span } from '../extraction/types.js'
import { matchSpans, normaliseName, overlapChars, prf, type PRF } from './match.js'
import { stripQuotationMarks } from './strip-quotes.js'

export interface GoldQuote {
  speaker: string | null
  content: string
  cue: string | null
  contentStart: number
  contentEnd: number
  speakerStart?: number | null
  speakerEnd?: number | null
  cueStart?: number | null
  cueEnd?: number | null
}

export interface QuoteDoc {
  id: string
  text: string
  quotes: GoldQuote[]
  /** The article's headline when `text` is its body without it (page furniture repeats it). */
  headline?: string
}

export interface QuoteScoring {
  threshold: number
  strip: boolean
  /** Keep only gold attributions with a speech cue (PolNeAR also annotates beliefs); false when the gold is speech only. */
  speechOnly?: boolean
  /** Score each speech segment of a multi-part quote on its own, as gold that splits them expects. */
  parts?: boolean
  /** The gold names each quote's canonical speaker ("Tony Blair" for "he"): also score the resolved record strictly. */
  canonical?: boolean
  /** The extraction scored; `extract` unless told (calibration scores raw confidences). */
  extractor?: (doc: ArticleText) => Extraction
}

/**
 * PolNeAR annotates every attribution, also beliefs, intentions and evidence ("polls show",
 * "he believes"). Speech quotes are those whose cue contains a verb of saying or "according to",
 * is a colon introducing speech, or a dash signing a quote ("… ― Jane Doe").
 */
const SPEECH_CUE =
  /\b(say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|according|write|writes|wrote|writing|written|ask|asks|asked|asking|report|reports|reported|reporting|announce[sd]?|announcing|note[sd]?|noting|tweet(?:s|ed|ing)?|argue[sd]?|arguing|explain(?:s|ed|ing)?|claim(?:s|ed|ing)?|state[sd]?|stating|declare[sd]?|declaring|insist(?:s|ed|ing)?|warn(?:s|ed|ing)?|repl(?:y|ies|ied|ying)|respond(?:s|ed|ing)?|acknowledge[sd]?|acknowledging|admit(?:s|ted|ting)?|confirm(?:s|ed|ing)?|den(?:y|ies|ied|ying)|recall(?:s|ed|ing)?|stress(?:es|ed|ing)?|emphasi[sz](?:e|es|ed|ing)|urge[sd]?|urging|promise[sd]?|promising|pledge[sd]?|pledging|vow(?:s|ed|ing)?|predict(?:s|ed|ing)?|quote[sd]?|quoting|comment(?:s|ed|ing)?|remark(?:s|ed|ing)?|reveal(?:s|ed|ing)?|continue[sd]?|explain|suggest(?:s|ed|ing)?|told|assert(?:s|ed|ing)?|concede[sd]?|conceding|complain(?:s|ed|ing)?|insist|joke[sd]?|joking|boast(?:s|ed|ing)?|testif(?:y|ies|ied|ying)|statement|interview|speech|remarks|point(?:s|ed|ing)? out)\b|^:$|:$|^[―—–-]$/i

export const isSpeechCue = (cue: string | null) => !!cue && SPEECH_CUE.test(cue.trim())

export interface QuoteScore {
  quotes: PRF
  speakerAccuracy: number
  cueAccuracy: number
  matched: number
  /** With canonical gold: the resolved speaker record against the annotated referent ("he" as written earns nothing). */
  strict?: StrictSpeakerScore
}

export interface StrictSpeakerScore {
  /** Share of found quotes whose resolved record is the annotated speaker. */
  accuracy: number
  /** The same, over found quotes whose speaker is written as a pronoun. */
  pronounAccuracy: number
  pronouns: number
  /** Share of all gold quotes found with the right speaker record. */
  rightQuoteRightSpeaker: number
}

export interface QuoteDocReport {
  id: string
  score: QuoteScore
  missed: GoldQuote[]
  spurious: { content: string; speaker: string; cue: string }[]
  wrongSpeaker: { content: string; gold: string | null; predicted: string }[]
  /** Every extracted quote, right when it (one of its parts, when scored by part) matched a gold quote with the right speaker. */
  verdicts: { quote: ExtractedQuote; right: boolean }[]
}

const PRONOUN_SPEAKER = /^(he|she|they|it|we|i|you|him|her|them)$/i
const HONORIFIC = /^(mr|mrs|ms|miss|dr|sir|lady|lord|dame|prof|professor)\.?\s+/i

/** A name reduced for comparison: case, quotation marks, a leading article or honorific. */
const plainName = (s: string) =>
  normaliseName(s)
    .replace(/^(a|an) /, '')
    .replace(HONORIFIC, '')

/** The record a prediction files the quote under: the person's name, else the organisation or phrase it named. */
export function resolvedSpeakerName(p: ExtractedQuote, people: { name: string }[]): string | null {
  if (p.speaker.person !== null) return people[p.speaker.person]!.name
  if (p.speaker.type === 'unknown' && p.speaker.text === null) return null
  // a pronoun or bare "who" that found nobody names nobody
  return PRONOUN_SPEAKER.test(p.speaker.name.trim()) || /^who$/i.test(p.speaker.name.trim()) ? null : p.speaker.name
}

/**
 * Strict speaker match: the resolved record against the annotated canonical speaker. Names match
 * when equal after normalising, or, for people, when the surnames agree and neither given name
 * contradicts the other ("Blair" and "Tony Blair" are one record once identity links them; "Cherie
 * Blair" and "Tony Blair" are not).
 */
export function strictSpeakerMatch(gold: string | null, predicted: string | null): boolean {
  if (gold === null || predicted === null) return gold === null && predicted === null
  const g = plainName(gold)
  const p = plainName(predicted)
  if (g === p) return true
  const gw = g.split(' ')
  const pw = p.split(' ')
  if (gw.at(-1) !== pw.at(-1) || gw.at(-1)!.length < 3) return false
  return gw.length === 1 || pw.length === 1 || gw[0] === pw[0]
}

function speakerCorrect(g: GoldQuote, p: ExtractedQuote, text: string, people: { name: string; mentions: Span[] }[]): boolean {
  // the gold names no source and neither does the prediction
  if (g.speaker == null && p.speaker.text === null && p.speaker.person === null && p.speaker.type === 'unknown') return true
  if (g.speakerStart == null || g.speakerEnd == null) return normaliseName(p.speaker.name) === normaliseName(g.speaker ?? '')
  const goldSpan = { start: g.speakerStart, end: g.speakerEnd }
  if (p.speaker.start !== null && p.speaker.end !== null && overlapChars(goldSpan, { start: p.speaker.start, end: p.speaker.end }) > 0)
    return true
  if (p.speaker.person === null) return false
  // a resolved speaker names the gold person when one of that person's mentions is the gold speaker span
  return (
    people[p.speaker.person]!.mentions.some((m) => overlapChars(m, goldSpan) > 0) ||
    normaliseName(text.slice(goldSpan.start, goldSpan.end))
      .split(' ')
      .some((w) => w.length > 2 && normaliseName(p.speaker.name).split(' ').includes(w))
  )
}

/** Scores one document's speech quotes; with `strip`, quotation marks are removed first and gold offsets shifted. */
export function scoreQuoteDoc(
  doc: QuoteDoc,
  opts: QuoteScoring,
): QuoteDocReport & { counts: Record<'tp' | 'fp' | 'fn' | 'speakerOk' | 'cueOk' | 'strictOk' | 'pronouns' | 'pronounsOk', number> } {
  let text = doc.text
  let gold = doc.quotes.filter((q) => (opts.speechOnly === false || isSpeechCue(q.cue)) && q.contentEnd > q.contentStart)
  if (opts.strip) {
    const s = stripQuotationMarks(text)
    text = s.text
    const m = (o: number | null | undefined) => (o == null ? o : s.map(o))
    gold = gold.map((q) => ({
      ...q,
      contentStart: s.map(q.contentStart),
      contentEnd: s.map(q.contentEnd),
      speakerStart: m(q.speakerStart),
      speakerEnd: m(q.speakerEnd),
      cueStart: m(q.cueStart),
      cueEnd: m(q.cueEnd),
    }))
  }
  const extraction = (opts.extractor ?? extract)({ title: doc.headline ?? '', body: text })
  const goldSpans = gold.map((g) => ({ ...g, start: g.contentStart, end: g.contentEnd }))
  const predicted = opts.parts
    ? extraction.quotes.flatMap((q) =>
        q.parts.map((part) => ({ ...q, start: part.start, end: part.end, content: text.slice(part.start, part.end) })),
      )
    : extraction.quotes
  const { pairs, missed, spurious } = matchSpans(goldSpans, predicted, opts.threshold)
  const speakerOk = pairs.filter(([g, p]) => speakerCorrect(g, p, text, extraction.people))
  const cueOk = pairs.filter(
    ([g, p]) =>
      g.cueStart != null && g.cueEnd != null && p.cueSpan !== null && overlapChars({ start: g.cueStart, end: g.cueEnd }, p.cueSpan) > 0,
  )
  const strictOk = pairs.filter(([g, p]) => strictSpeakerMatch(g.speaker, resolvedSpeakerName(p, extraction.people)))
  const writtenAsPronoun = ([g]: [GoldQuote, ExtractedQuote]) =>
    g.speakerStart != null && g.speakerEnd != null && PRONOUN_SPEAKER.test(text.slice(g.speakerStart, g.speakerEnd).trim())
  const rightQuotes = new Set((opts.canonical ? strictOk : speakerOk).map(([, p]) => `${p.start}:${p.end}`))
  const verdicts = extraction.quotes.map((quote) => ({
    quote,
    right: (opts.parts ? quote.parts : [quote]).some((part) => rightQuotes.has(`${part.start}:${part.end}`)),
  }))
  const counts = {
    tp: pairs.length,
    fp: spurious.length,
    fn: missed.length,
    speakerOk: speakerOk.length,
    cueOk: cueOk.length,
    strictOk: strictOk.length,
    pronouns: pairs.filter(writtenAsPronoun).length,
    pronounsOk: strictOk.filter(writtenAsPronoun).length,
  }
  return {
    id: doc.id,
    counts,
    score: {
      quotes: prf(counts.tp, counts.fp, counts.fn),
      matched: counts.tp,
      speakerAccuracy: counts.tp ? counts.speakerOk / counts.tp : 0,
      cueAccuracy: counts.tp ? counts.cueOk / counts.tp : 0,
      ...(opts.canonical ? { strict: strictScore(counts) } : {}),
    },
    missed,
    verdicts,
    spurious: spurious.map((p) => ({ content: p.content, speaker: p.speaker.text ?? p.speaker.name, cue: p.cue })),
    wrongSpeaker: pairs
      .filter((pair) => !(opts.canonical ? strictOk : speakerOk).includes(pair))
      .map(([g, p]) => ({
        content: p.content.slice(0, 120),
        gold: g.speaker,
        predicted: `${p.speaker.text ?? '∅'} → ${resolvedSpeakerName(p, extraction.people) ?? p.speaker.name}`,
      })),
  }
}

type Counts = ReturnType<typeof scoreQuoteDoc>['counts']

const strictScore = (c: Counts): StrictSpeakerScore => ({
  accuracy: c.tp ? c.strictOk / c.tp : 0,
  pronounAccuracy: c.pronouns ? c.pronounsOk / c.pronouns : 0,
  pronouns: c.pronouns,
  rightQuoteRightSpeaker: c.tp + c.fn ? c.strictOk / (c.tp + c.fn) : 0,
})

export function scoreQuoteCorpus(docs: QuoteDoc[], opts: QuoteScoring) {
  const reports = docs.map((d) => scoreQuoteDoc(d, opts))
  const sum = (k: keyof Counts) => reports.reduce((n, r) => n + r.counts[k], 0)
  const tp = sum('tp')
  const total: QuoteScore = {
    quotes: prf(tp, sum('fp'), sum('fn')),
    matched: tp,
    speakerAccuracy: tp ? sum('speakerOk') / tp : 0,
    cueAccuracy: tp ? sum('cueOk') / tp : 0,
    ...(opts.canonical
      ? {
          strict: strictScore({
            tp,
            fp: sum('fp'),
            fn: sum('fn'),
            speakerOk: sum('speakerOk'),
            cueOk: sum('cueOk'),
            strictOk: sum('strictOk'),
            pronouns: sum('pronouns'),
            pronounsOk: sum('pronounsOk'),
          }),
        }
      : {}),
  }
  return { total, reports }
}
