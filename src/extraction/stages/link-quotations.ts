import { SPEECH_VERBS } from '../lexicon/index.js'
import type { Sentence, Span } from '../types.js'
import { extendQuote, trimContent, type QuoteCandidate } from './find-quotes.js'
import { firstStartingAt, sentenceAt, SpanIndex } from '../spans.js'

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

/** A verb of saying or naming in the narrative between two quoted passages. */
const REPORTING_WORD = new RegExp(
  `(?:^|[^\\p{L}])(?:${[...SPEECH_VERBS, 'called', 'described'].filter((w) => /^[a-z]+$/.test(w)).join('|')})(?=$|[^\\p{L}])`,
  'u',
)

/** Whether nothing but closing punctuation follows `passage` to the end of its paragraph. */
const closesParagraph = (body: string, passage: Span) => /^[”"'’.,!?\s]*?(?:\n|$)/.test(body.slice(passage.end, passage.end + 8))

const wordsIn = (body: string, s: Span) =>
  body
    .slice(s.start, s.end)
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length

/** Replaces `q` in `quotes` (its index kept in `slot`) by `q` extended with `part`, and returns the new quote. */
function extendInPlace(quotes: QuoteCandidate[], slot: Map<QuoteCandidate, number>, q: QuoteCandidate, part: Span): QuoteCandidate {
  const extended = extendQuote(q, part)
  const k = slot.get(q)!
  quotes[k] = extended
  slot.set(extended, k)
  return extended
}

/** A dash signing the quotation that ends where the search starts (sticky): “…” ― Jane Doe. */
const SIGNATURE = /[\s,.]*(?:[”"]|'')?[\s\u00a0]*([―—–])[\s\u00a0]*((?:\p{Lu}[\p{L}'’-]*\.?[\s\u00a0]?){1,4})/uy

/**
 * Links quoted passages to attributions: a passage right after a quote that is attributed
 * ("…,” said Caddell. “Yesterday, …”) continues it; a stand-alone quoted sentence with no
 * attribution is kept for the running speaker; quoted words inside a sentence (scare quotes,
 * titles) are not speech on their own.
 */
export function linkQuotations(body: string, sentences: Sentence[], attributed: QuoteCandidate[]): QuoteCandidate[] {
  // passages are in text order and do not overlap: binary searches find the ones near a quote
  const passages = findQuotations(body, sentences)
    .map((p) => trimContent(body, p))
    .filter((p) => p.end > p.start)
  const passageHolding = (offset: number): Span | null => {
    const k = firstStartingAt(passages, offset + 1) - 1
    return k >= 0 && passages[k]!.end > offset ? passages[k]! : null
  }
  // "He has said hateful things" inside a quotation is quoted speech, not an attribution
  const quotes = attributed.filter((q) => {
    if (!q.cueSpan) return true
    const p = passageHolding(q.cueSpan.start)
    return !p || q.cueSpan.end > p.end || (p.start <= q.content.start && q.content.end <= p.end && q.pattern.endsWith('nested'))
  })
  // 'Sir Digby added: "I don't think he will. I have to say …"': a quote whose content opens a
  // quoted passage, its attribution outside, runs to the passage's end (over its sentences)
  quotes.forEach((q, k) => {
    let passage: Span | undefined
    for (let n = firstStartingAt(passages, q.content.start - 1); n < passages.length && passages[n]!.start <= q.content.start + 1; n++) {
      const p = passages[n]!
      if (q.content.end < p.end && q.content.end > p.start) {
        passage = p
        break
      }
    }
    const outside = (s: Span | null) => !s || s.end <= passage!.start || s.start >= passage!.end
    if (passage && outside(q.speaker) && outside(q.cueSpan) && !q.parts)
      quotes[k] = { ...q, content: { start: q.content.start, end: passage.end } }
  })
  // '… boss Kevin Keegan: "A. "B. "C."': a quote that holds several quoted passages is spoken in
  // those segments (paragraphs joined in the source); each becomes a part
  quotes.forEach((q, k) => {
    if (q.parts) return
    const inside: Span[] = []
    for (let n = firstStartingAt(passages, q.content.start - 1); n < passages.length && passages[n]!.start < q.content.end + 1; n++)
      if (passages[n]!.end <= q.content.end + 1) inside.push(passages[n]!)
    // '… said: "A." Dai Lloyd called it "B". He said: "C."': narrative with a reporting verb between
    // two passages is another attribution; the quote ends with the passages before it
    const attributedGap = inside.findIndex((p, n) => n > 0 && REPORTING_WORD.test(body.slice(inside[n - 1]!.end, p.start)))
    if (attributedGap > 0) {
      const kept = inside.slice(0, attributedGap)
      const end = kept.at(-1)!.end
      quotes[k] = { ...q, content: { start: q.content.start, end }, ...(kept.length >= 2 ? { parts: kept } : {}) }
      return
    }
    const quoted = inside.reduce((n, p) => n + p.end - p.start, 0)
    if (inside.length >= 2 && quoted >= 0.8 * (q.content.end - q.content.start)) quotes[k] = { ...q, parts: inside }
  })
  // the words already attributed: a passage among them is no quotation of its own (a passage
  // extends only the quote just before it, so no later passage overlaps what is added below)
  const attributedWords = new SpanIndex(quotes.flatMap((q) => [q.content, q.speaker]))
  // the quotes that hold quotation marks, by where they end: the one a passage may continue
  const slot = new Map(quotes.map((q, k) => [q, k]))
  const marked = quotes
    .filter((q) => /[“"”]|''/.test(body.slice(Math.max(0, q.content.start - 2), q.content.end + 2)))
    .sort((a, b) => a.content.end - b.content.end)
  let next = 0
  let previous: QuoteCandidate | undefined
  const unattributed: QuoteCandidate[] = []
  for (const passage of passages) {
    // the attributed quote this passage follows (the latest to end before it), with only its attribution in between
    while (next < marked.length && marked[next]!.content.end <= passage.start) {
      if (!previous || marked[next]!.content.end > previous.content.end) previous = marked[next]
      next++
    }
    if (attributedWords.overlapsAny(passage)) continue
    const gap = previous ? passage.start - previous.content.end : Infinity
    const between = gap < 400 ? body.slice(previous!.content.end, passage.start) : ''
    // '“A,” said Lamar Smith, who chairs the committee.¶“B.”': a paragraph that is wholly a quotation
    // and follows a quoted paragraph's attribution goes on with the same speech (one attribution
    // over several paragraphs, as news writing runs a long quote)
    const paragraphBreak = between.includes('\n')
    const ownParagraph = paragraphBreak && /\n\s*(?:[“"]|'')$/.test(between) && closesParagraph(body, passage)
    // between them stands the quote's own attribution ('“A,” X said. “B.”'), not another one
    // ('X said: “A.” Dai Lloyd called it “B”.')
    const ownAttribution = !!previous?.cueSpan && previous.cueSpan.start >= previous.content.end && previous.cueSpan.end <= passage.start
    const attributionOnly =
      previous &&
      gap < 400 &&
      (!paragraphBreak || ownParagraph) &&
      (previous.speaker ? previous.speaker.end <= passage.start : true) &&
      (ownAttribution || !REPORTING_WORD.test(between))
    // the passage opens the attribution's own sentence or the next one (after the quote's last part,
    // when it has grown over paragraphs): no narrative sentence between
    const passageSentence = sentenceAt(sentences, passage.start)
    const adjacent =
      previous !== undefined && passageSentence - Math.max(previous.sentence, sentenceAt(sentences, previous.content.end - 1)) <= 1
    // the passage is no title the attribution names ('… told the hosts of "Morning Joe"')
    const titled = /\b(?:of|on|in|at|from|to|called|titled|named|dubbed)\s*(?:[“"]|'')\s*$/i.test(between)
    if (previous && attributionOnly && adjacent && !titled && /(?:[“"]|'')\s*$/.test(between)) {
      previous = extendInPlace(quotes, slot, previous, passage)
      continue
    }
    // a quote signed with a dash: “…” ― Jane Doe
    SIGNATURE.lastIndex = passage.end
    const signed = SIGNATURE.exec(body)
    if (signed) {
      const dashAt = passage.end + signed[0].indexOf(signed[1]!)
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
  const spoken = new SpanIndex(quotes.flatMap((o) => [o.content, o.cueSpan]))
  return quotes.map((q) => {
    if (!TRAILING_PATTERNS.has(q.pattern)) return q
    const own = sentences[q.sentence]
    if (!own) return q
    let end = -1
    let first = -1
    for (let k = q.sentence + 1; k < sentences.length && sentences[k]!.paragraph === own.paragraph; k++) {
      const s = sentences[k]!
      if (spoken.overlapsAny(s)) break
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
  // (a quote's own spans lie in its sentence, after the sentences searched: no need to leave them out)
  const attributed = new SpanIndex(quotes.flatMap((o) => [o.content, o.speaker, o.cueSpan]))
  return quotes.map((q) => {
    if (!TRAILING_PATTERNS.has(q.pattern)) return q
    const own = sentences[q.sentence]
    if (!own) return q
    let start = q.content.start
    for (let k = q.sentence - 1; k >= 0; k--) {
      const s = sentences[k]!
      if (s.paragraph !== own.paragraph) break
      if (attributed.overlapsAny(s)) break
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
  // (a quote extended below only grows into the sentence at hand, so the index stays true for later ones)
  const spoken = new SpanIndex(quotes.flatMap((q) => [q.content, q.cueSpan]))
  // an author writing in the first person (a column, a letter) does so from the opening
  // paragraphs on, before anyone is quoted; a news report opens in the third person
  const firstQuoted = quotes.reduce((min, q) => Math.min(min, sentences[q.sentence]?.paragraph ?? Infinity), Infinity)
  const opening = sentences.filter((s) => s.paragraph < Math.min(firstQuoted, (sentences[0]?.paragraph ?? 0) + 3) && !spoken.overlapsAny(s))
  if (opening.some((s) => FIRST_PERSON.test(s.text))) return quotes
  // the attributed quotes by where they end: the latest before a sentence is its running speaker's
  const slot = new Map(quotes.map((q, k) => [q, k]))
  const attributed = quotes.filter((q) => q.speaker).sort((a, b) => a.content.end - b.content.end)
  let next = 0
  let last: QuoteCandidate | undefined
  sentences.forEach((s, index) => {
    if (!FIRST_PERSON.test(s.text) || spoken.overlapsAny(s)) return
    while (next < attributed.length && attributed[next]!.content.end <= s.start) {
      if (!last || attributed[next]!.content.end > last.content.end) last = attributed[next]
      next++
    }
    const lastSentence = last ? sentences[last.sentence] : undefined
    if (!last || !lastSentence || s.paragraph - lastSentence.paragraph > 1) return
    const content = trimContent(body, s)
    if (wordsIn(body, content) < 3) return
    // right after that quote's words (nothing but punctuation between), the sentence continues it
    if (lastSentence.paragraph === s.paragraph && /^[\s.!?,;:]*$/.test(body.slice(last.content.end, content.start))) {
      last = extendInPlace(quotes, slot, last, content)
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
