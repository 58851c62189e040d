import { nameHead } from '../quotes/speaker-phrase.js'
import { ATTACHED_PATTERNS, CUE_PATTERNS, FRAME_PATTERNS } from '../quotes/patterns/index.js'
import type { PatternContext, QuoteCandidate, QuotePattern, SentenceView } from '../quotes/types.js'
import type { Sentence, Span, Token } from '../types.js'
import { unlimitedBudget, type Budget } from '../budget.js'
import { overlaps } from '../spans.js'

export { extendQuote, type QuoteCandidate, type SentenceView } from '../quotes/types.js'
export { trimContent } from '../quotes/content-span.js'
export { nameHead, speakerBefore } from '../quotes/speaker-phrase.js'

const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end

/** The quote of the first pattern that matches at token `i`, or null. */
function firstMatch(patterns: readonly QuotePattern[], ctx: PatternContext, i: number): QuoteCandidate | null {
  for (const p of patterns) {
    const q = p.find(ctx, i)
    if (q) return q
  }
  return null
}

/** Reported speech whose content itself opens with "X said ..." is relayed: "CCTV reported that Xi said ...". */
function unwrapRelay(body: string, q: QuoteCandidate, inner: QuoteCandidate[]): QuoteCandidate {
  if (q.cue !== 'reported' && q.cue !== 'reports') return q
  const relayedQ = inner.find((r) => r.speaker && r.speaker.start === q.content.start)
  if (!relayedQ) return q
  return {
    ...relayedQ,
    via: nameHead(body.slice(q.speaker!.start, q.speaker!.end)),
    confidence: Math.min(q.confidence, relayedQ.confidence),
  }
}

/**
 * "Beck said he would not expect it, but he said Trump could …": where a second attribution inside
 * a quote's content follows a comma and a conjunction, it is a second report, not speech inside the
 * first ("… and that he said …" would be); so is the same subject's second reporting verb ("Clinton
 * says she respects him but argues that …"). The offset where the first quote's content should end
 * (before the conjunction), or null.
 */
function coordinatedReportAt(body: string, outer: QuoteCandidate, inner: QuoteCandidate): number | null {
  const sameSubject = inner.pattern === 'coordinated'
  const from = sameSubject ? inner.cueSpan?.start : inner.speaker?.start
  if (from === undefined || from <= outer.content.start || inner.content.end > outer.content.end) return null
  const before = body.slice(outer.content.start, from)
  const joined = sameSubject
    ? /\s*,?\s+(?:but|and|yet)\s+$/.exec(before)
    : /\s*[,;]\s+(?:but|and|while|though|although|yet)\s+$/.exec(before)
  if (!joined || joined.index < 12) return null
  return outer.content.start + joined.index
}

/** The quote with its content ending at `end`. */
const endedAt = (q: QuoteCandidate, end: number): QuoteCandidate => ({ ...q, content: { start: q.content.start, end } })

/** Every attributed quote in one sentence: outer attributions, relays, and nested speech (patterns in `quotes/patterns/`). */
export function findSentenceQuotes(body: string, v: SentenceView): QuoteCandidate[] {
  const found: QuoteCandidate[] = []
  const ctx: PatternContext = { body, v, found }
  for (const group of FRAME_PATTERNS)
    v.toks.forEach((_, i) => {
      const q = firstMatch(group, ctx, i)
      if (q) found.push(q)
    })
  const taken = (s: Span) => found.some((q) => overlaps(q.content, s) || (q.cueSpan && overlaps(q.cueSpan, s)))
  const candidates: QuoteCandidate[] = []
  v.toks.forEach((_, i) => {
    const q = firstMatch(CUE_PATTERNS, ctx, i)
    if (q) candidates.push(q)
  })
  // trailing attributions frame the whole sentence, so they go first; then longest content first,
  // so that speech reported inside another quote is seen as nested
  const rank = (q: QuoteCandidate) => (q.pattern.startsWith('trailing') ? 0 : 1)
  candidates.sort((a, b) => rank(a) - rank(b) || b.content.end - b.content.start - (a.content.end - a.content.start))
  for (const q of candidates) {
    if (q.cueSpan && taken(q.cueSpan)) {
      const outer = found.find((o) => q.cueSpan && inside(q.cueSpan, o.content))
      // "Cruz said he'd make sand glow, for instance, and Trump vowed to …": a second report after a conjunction
      const coordinated = outer ? coordinatedReportAt(body, outer, q) : null
      if (outer && coordinated !== null && !found.some((f) => f !== outer && overlaps(f.content, q.content))) {
        found[found.indexOf(outer)] = endedAt(outer, coordinated)
        found.push(q)
        continue
      }
      const explicitSpeech = /^(said|says|saying|by saying)$|saying$/.test(q.cue)
      if (!outer || !explicitSpeech || found.some((f) => f !== outer && overlaps(f.content, q.content))) continue
      const i = found.indexOf(outer)
      const unwrapped = unwrapRelay(body, outer, [q])
      if (unwrapped !== outer) {
        found[i] = unwrapped
        continue
      }
      const content = { start: q.content.start, end: Math.min(q.content.end, outer.content.end) }
      found.push({ ...q, content, confidence: q.confidence - 0.1, pattern: `${q.pattern as QuotePattern['name']}-nested` })
      continue
    }
    if (!found.some((f) => overlaps(f.content, q.content))) found.push(q)
  }
  v.toks.forEach((_, i) => {
    const q = firstMatch(ATTACHED_PATTERNS, ctx, i)
    if (!q) return
    // '…, saying, “We never said there were …”': speech reported inside the attached quote is part of it
    const overlapping = found.filter((f) => overlaps(f.content, q.content))
    // "Clinton says she respects him but argues that …": the quote holding the second verb ends before it
    const holder = overlapping.length === 1 ? overlapping[0]! : null
    const second = holder ? coordinatedReportAt(body, holder, q) : null
    if (holder && second !== null) {
      found[found.indexOf(holder)] = endedAt(holder, second)
      found.push(q)
      return
    }
    const nested = overlapping.every((f) => f.cueSpan && inside(f.cueSpan, q.content) && f.content.start >= q.content.start)
    if (overlapping.length > 0 && !nested) return
    // "…, saying A, though Mrs. Fiorina said B": the attached quote ends where a second report begins
    const cut = overlapping.map((f) => coordinatedReportAt(body, q, f)).find((at) => at !== null)
    if (cut != null) {
      found.push(endedAt(q, cut))
      return
    }
    for (const f of overlapping) found.splice(found.indexOf(f), 1)
    found.push(q)
  })
  return found
}

/** Attributed quotes of every sentence. */
export function findQuotes(body: string, sentences: Sentence[], tokens: Token[], budget: Budget = unlimitedBudget): QuoteCandidate[] {
  const bySentence = sentences.map(() => [] as Token[])
  for (const t of tokens) bySentence[t.sentence]!.push(t)
  const paragraphEnds = new Map<number, number>()
  for (const s of sentences) paragraphEnds.set(s.paragraph, s.end)
  return sentences.flatMap((sentence, index) => {
    budget.check()
    return findSentenceQuotes(body, {
      toks: bySentence[index]!,
      sentence,
      index,
      previousParagraph: sentences[index - 1]?.paragraph,
      paragraphEnd: paragraphEnds.get(sentence.paragraph),
    })
  })
}
