import type { Sentence, Span } from '../types.js'
import { extendQuote, trimContent, type QuoteCandidate } from './find-quotes.js'
import { overlaps, sentenceAt } from '../spans.js'

/** Whether the straight mark at `i` (of `width` characters) sits as an opening one: after a space or the start, before a letter or digit. */
const opensBySpacing = (text: string, i: number, width: number) =>
  (i === 0 || /\s/.test(text[i - 1]!)) && /[\p{L}\p{N}]/u.test(text[i + width] ?? '')

/**
 * Quoted passages of the body. Marks pair within a paragraph; a paragraph that opens a quotation
 * and does not close it continues into the next paragraph that opens with a mark (the news
 * convention for quotes running over several paragraphs).
 */
export function findQuotations(body: string, sentences: Sentence[]): Span[] {
  const out: Span[] = []
  const paragraphs = new Map<number, Span>()
  for (const s of sentences) {
    const p = paragraphs.get(s.paragraph)
    paragraphs.set(s.paragraph, p ? { start: p.start, end: s.end } : { start: s.start, end: s.end })
  }
  let open: Span | null = null
  for (const p of [...paragraphs.values()]) {
    const text = body.slice(p.start, p.end)
    if (open && !/^(?:[“"]|'')/.test(text)) {
      out.push(open)
      open = null
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      const double = ch === "'" && text[i + 1] === "'" // '' as a quotation mark
      const straight = ch === '"' || double
      const width = double ? 2 : 1
      // a ” that opens a paragraph or follows a space is an opening mark typed the wrong way round
      const misturned = ch === '”' && !open && (i === 0 || /\s/.test(text[i - 1]!))
      // a straight mark after a space and before a word opens a quotation even while one is open:
      // in '"… had. "The equivalent …' the first quotation ran to the end of a paragraph that was
      // joined to the next (the convention leaves such a paragraph unclosed)
      const reopens = straight && !!open && opensBySpacing(text, i, width) && /[.!?]\s*$/.test(text.slice(0, i))
      if (reopens) {
        const end = p.start + i
        if (end > open!.start) out.push({ start: open!.start, end })
        open = null
      }
      const opening = ch === '“' || (straight && !open) || misturned
      const closing = (ch === '”' && !misturned) || (straight && !!open)
      if (opening && !open) open = { start: p.start + i + width, end: p.start + i + width }
      else if (closing && open) {
        if (p.start + i > open.start) out.push({ start: open.start, end: p.start + i })
        open = null
      }
      if (double) i++
    }
    if (open) open = { start: open.start, end: p.end }
  }
  if (open) out.push(open)
  return out
}

const wordsIn = (body: string, s: Span) =>
  body
    .slice(s.start, s.end)
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length

/** Start of the sentence holding `offset`. */

/**
 * Links quoted passages to attributions: a passage right after a quote that is attributed
 * ("…,” said Caddell. “Yesterday, …”) continues it; a stand-alone quoted sentence with no
 * attribution is kept for the running speaker; quoted words inside a sentence (scare quotes,
 * titles) are not speech on their own.
 */
export function linkQuotations(body: string, sentences: Sentence[], attributed: QuoteCandidate[]): QuoteCandidate[] {
  const passages = findQuotations(body, sentences)
    .map((p) => trimContent(body, p))
    .filter((p) => p.end > p.start)
  // "He has said hateful things" inside a quotation is quoted speech, not an attribution
  const quotes = attributed.filter(
    (q) =>
      !q.cueSpan ||
      !passages.some(
        (p) =>
          p.start <= q.cueSpan!.start &&
          q.cueSpan!.end <= p.end &&
          !(p.start <= q.content.start && q.content.end <= p.end && q.pattern.endsWith('nested')),
      ),
  )
  // 'Sir Digby added: "I don't think he will. I have to say …"': a quote whose content opens a
  // quoted passage, its attribution outside, runs to the passage's end (over its sentences)
  quotes.forEach((q, k) => {
    const passage = passages.find((p) => Math.abs(q.content.start - p.start) <= 1 && q.content.end < p.end && q.content.end > p.start)
    const outside = (s: Span | null) => !s || s.end <= passage!.start || s.start >= passage!.end
    if (passage && outside(q.speaker) && outside(q.cueSpan) && !q.parts)
      quotes[k] = { ...q, content: { start: q.content.start, end: passage.end } }
  })
  // '… boss Kevin Keegan: "A. "B. "C."': a quote that holds several quoted passages is spoken in
  // those segments (paragraphs joined in the source); each becomes a part
  quotes.forEach((q, k) => {
    if (q.parts) return
    const inside = passages.filter((p) => p.start >= q.content.start - 1 && p.end <= q.content.end + 1)
    const quoted = inside.reduce((n, p) => n + p.end - p.start, 0)
    if (inside.length >= 2 && quoted >= 0.8 * (q.content.end - q.content.start)) quotes[k] = { ...q, parts: inside }
  })
  const unattributed: QuoteCandidate[] = []
  for (const passage of passages) {
    if (quotes.some((q) => overlaps(q.content, passage) || (q.speaker && overlaps(q.speaker, passage)))) continue
    // the attributed quote this passage follows, with only its attribution in between
    const previous = quotes
      .filter((q) => q.content.end <= passage.start && /[“"”]|''/.test(body.slice(Math.max(0, q.content.start - 2), q.content.end + 2)))
      .sort((a, b) => b.content.end - a.content.end)[0]
    const between = previous ? body.slice(previous.content.end, passage.start) : ''
    const attributionOnly =
      previous && between.length < 400 && !between.includes('\n') && (previous.speaker ? previous.speaker.end <= passage.start : true)
    // the passage opens the attribution's own sentence or the next one: no narrative sentence between
    const passageSentence = sentenceAt(sentences, passage.start)
    const adjacent = previous !== undefined && passageSentence - previous.sentence <= 1
    // the passage is no title the attribution names ('… told the hosts of "Morning Joe"')
    const titled = /\b(?:of|on|in|at|from|to|called|titled|named|dubbed)\s*(?:[“"]|'')\s*$/i.test(between)
    if (previous && attributionOnly && adjacent && !titled && /(?:[“"]|'')\s*$/.test(between)) {
      quotes[quotes.indexOf(previous)] = extendQuote(previous, passage)
      continue
    }
    // a quote signed with a dash: “…” ― Jane Doe
    const signed = body
      .slice(passage.end)
      .match(/^[\s,.]*(?:[”"]|'')?[\s\u00a0]*([―—–])[\s\u00a0]*((?:\p{Lu}[\p{L}'’-]*\.?[\s\u00a0]?){1,4})/u)
    if (signed) {
      const dashAt = passage.end + signed.index! + signed[0].indexOf(signed[1]!)
      const nameAt = passage.end + signed[0].length - signed[2]!.length
      const speaker = trimContent(body, { start: nameAt, end: nameAt + signed[2]!.length })
      unattributed.push({
        content: passage,
        speaker,
        cue: signed[1]!,
        cueSpan: { start: dashAt, end: dashAt + 1 },
        via: null,
        pattern: 'dash-signature',
        confidence: 0.75,
        sentence: passageSentence,
      })
      continue
    }
    const sentence = sentences[passageSentence]
    const standsAlone = sentence && body.slice(sentence.start, passage.start).replace(/[“"'\s]/g, '') === ''
    if (!standsAlone || wordsIn(body, passage) < 4) continue
    unattributed.push({
      content: passage,
      speaker: null,
      cue: 'quotation',
      cueSpan: null,
      via: null,
      pattern: 'quotation',
      confidence: 0.5,
      sentence: passageSentence,
    })
  }
  // where the writer uses quotation marks, an unmarked first-person sentence is the writer's own
  const unmarked = !/[“”"]|''/.test(body)
  if (!unmarked) return [...quotes, ...unattributed]
  const all = continueAfterAttribution(body, sentences, extendToParagraphStart(sentences, [...quotes, ...unattributed]))
  return firstPersonSpeech(body, sentences, all)
}

/**
 * Without quotation marks, the sentences after "…, X said." to the end of its paragraph carry on
 * X's quote (the news convention "“…,” X said. “…”" with the marks lost): they join it as a part.
 */
export function continueAfterAttribution(body: string, sentences: Sentence[], quotes: QuoteCandidate[]): QuoteCandidate[] {
  return quotes.map((q) => {
    if (!TRAILING_PATTERNS.has(q.pattern)) return q
    const own = sentences[q.sentence]
    if (!own) return q
    let end = -1
    let first = -1
    for (let k = q.sentence + 1; k < sentences.length && sentences[k]!.paragraph === own.paragraph; k++) {
      const s = sentences[k]!
      if (quotes.some((o) => overlaps(o.content, s) || (o.cueSpan !== null && overlaps(o.cueSpan, s)))) break
      if (first < 0) first = k
      end = s.end
    }
    if (first < 0) return q
    const rest = trimContent(body, { start: sentences[first]!.start, end })
    return wordsIn(body, rest) >= 3 ? { ...extendQuote(q, rest), confidence: Math.min(q.confidence, 0.7) } : q
  })
}

const TRAILING_PATTERNS = new Set(['trailing', 'trailing-inverted', 'quotes-as-saying', 'quoted-as-saying'])

/**
 * Without quotation marks, a paragraph that ends "…, X said." is X's from its first sentence: a
 * quote of several sentences keeps its attribution at the end. The earlier sentences join the quote
 * unless another quote or attribution stands among them.
 */
export function extendToParagraphStart(sentences: Sentence[], quotes: QuoteCandidate[]): QuoteCandidate[] {
  return quotes.map((q) => {
    if (!TRAILING_PATTERNS.has(q.pattern)) return q
    const own = sentences[q.sentence]
    if (!own) return q
    let start = q.content.start
    for (let k = q.sentence - 1; k >= 0; k--) {
      const s = sentences[k]!
      if (s.paragraph !== own.paragraph) break
      const taken = quotes.some(
        (o) =>
          o !== q &&
          (overlaps(o.content, s) || (o.speaker !== null && overlaps(o.speaker, s)) || (o.cueSpan !== null && overlaps(o.cueSpan, s))),
      )
      if (taken) break
      start = s.start
    }
    return start === q.content.start ? q : { ...q, content: { start, end: q.content.end } }
  })
}

const FIRST_PERSON =
  /(?:^|[^\p{L}’'])(?:I|I[’']m|I[’']ve|I[’']d|I[’']ll|me|my|we|We|we[’']re|We[’']re|we[’']ve|We[’']ve|our|Our|us)(?=$|[^\p{L}’'])/u

/**
 * News narrative is written in the third person: in a text without quotation marks, a sentence in
 * the first person ("We waited long enough.") that no attribution covers is the running speaker's.
 * It must follow an attributed quote of the same or the previous paragraph.
 */
export function firstPersonSpeech(body: string, sentences: Sentence[], input: QuoteCandidate[]): QuoteCandidate[] {
  const quotes = [...input]
  const out: QuoteCandidate[] = []
  const covered = (s: Sentence) => quotes.some((q) => overlaps(q.content, s) || (q.cueSpan && overlaps(q.cueSpan, s)))
  // an author writing in the first person (a column, a letter) does so from the opening
  // paragraphs on, before anyone is quoted; a news report opens in the third person
  const firstQuoted = Math.min(...quotes.map((q) => sentences[q.sentence]?.paragraph ?? Infinity))
  const opening = sentences.filter((s) => s.paragraph < Math.min(firstQuoted, (sentences[0]?.paragraph ?? 0) + 3) && !covered(s))
  if (opening.some((s) => FIRST_PERSON.test(s.text))) return quotes
  sentences.forEach((s, index) => {
    if (!FIRST_PERSON.test(s.text) || covered(s)) return
    const last = [...quotes, ...out].filter((q) => q.speaker && q.content.end <= s.start).sort((a, b) => b.content.end - a.content.end)[0]
    const lastSentence = last ? sentences[last.sentence] : undefined
    if (!last || !lastSentence || s.paragraph - lastSentence.paragraph > 1) return
    const content = trimContent(body, s)
    if (wordsIn(body, content) < 3) return
    // right after that quote's words (nothing but punctuation between), the sentence continues it
    if (lastSentence.paragraph === s.paragraph && /^[\s.!?,;:]*$/.test(body.slice(last.content.end, content.start))) {
      const list = quotes.includes(last) ? quotes : out
      list[list.indexOf(last)] = extendQuote(last, content)
      return
    }
    // the sentence after a first-person one in the same paragraph goes on with it
    const previous = out.at(-1)
    if (
      previous &&
      sentences[previous.sentence]?.paragraph === s.paragraph &&
      /^[\s.!?,;:]*$/.test(body.slice(previous.content.end, content.start))
    ) {
      out[out.length - 1] = extendQuote(previous, content)
      return
    }
    out.push({
      content,
      speaker: null,
      cue: 'quotation',
      cueSpan: null,
      via: null,
      pattern: 'first-person',
      confidence: 0.4,
      sentence: index,
    })
  })
  return [...quotes, ...out]
}
