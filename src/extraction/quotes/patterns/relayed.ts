import { contentStartAfter, contentTo } from '../content-span.js'
import { nameHead, speakerAfter, speakerBefore } from '../speaker-phrase.js'
import { lower, span } from '../tokens.js'
import { lastResult, ofPattern, type QuoteCandidate, type QuotePattern, type SentenceView } from '../types.js'

/** Relayed speech at token `i` ("quotes"/"quoted"): "CONTENT, CCTV quotes Xi as saying." / "…, Xi was quoted as saying by CCTV." */
const relayedAt = lastResult((body: string, v: SentenceView, i: number): QuoteCandidate | null => {
  const { toks } = v
  const w = lower(toks[i])
  if (i < 1 || (w !== 'quotes' && w !== 'quoted')) return null
  if (lower(toks[i - 1]) === 'was' || lower(toks[i - 1]) === 'were') {
    // X was quoted as saying [by SRC]
    const sp = speakerBefore(toks, i - 1)
    if (!sp || lower(toks[i + 1]) !== 'as' || lower(toks[i + 2]) !== 'saying') return null
    const afterSaying = i + 3
    const by = lower(toks[afterSaying]) === 'by' ? speakerAfter(toks, afterSaying + 1) : null
    const cue = { cue: 'was quoted as saying', cueSpan: { start: toks[i - 1]!.start, end: toks[i + 2]!.end } }
    const via = by ? nameHead(body.slice(span(toks, by).start, span(toks, by).end)) : null
    const content =
      toks[sp.from - 1]?.text === ','
        ? contentTo(body, v, 0, sp.from - 1)
        : contentTo(body, v, contentStartAfter(toks, by ? by.to : afterSaying).index, toks.length)
    return content
      ? { content, speaker: span(toks, sp), ...cue, via, pattern: 'quoted-as-saying', confidence: 0.85, sentence: v.index }
      : null
  }
  // SRC quotes X as saying
  const src = speakerBefore(toks, i)
  const sp = speakerAfter(toks, i + 1)
  if (!src || !sp || lower(toks[sp.to]) !== 'as' || lower(toks[sp.to + 1]) !== 'saying') return null
  const via = nameHead(body.slice(span(toks, src).start, span(toks, src).end))
  const cue = { cue: `${w} ... as saying`, cueSpan: { start: toks[i]!.start, end: toks[sp.to + 1]!.end } }
  const content =
    toks[src.from - 1]?.text === ','
      ? contentTo(body, v, 0, src.from - 1)
      : contentTo(body, v, contentStartAfter(toks, sp.to + 2).index, toks.length)
  return content
    ? { content, speaker: span(toks, sp), ...cue, via, pattern: 'quotes-as-saying', confidence: 0.85, sentence: v.index }
    : null
})

export const quotedAsSaying: QuotePattern<'quoted-as-saying'> = {
  name: 'quoted-as-saying',
  describe: '"X was quoted as saying [by SRC] CONTENT" and "CONTENT, X was quoted as saying": speaker X, via SRC',
  find: ({ body, v }, i) => ofPattern(relayedAt(body, v, i), 'quoted-as-saying'),
  examples: {
    positive: [
      {
        text: 'Prime Minister Anna Berg was quoted as saying by the state news agency that the border would stay open.',
        expect: { content: 'the border would stay open', speaker: 'Prime Minister Anna Berg', cue: 'was quoted as saying' },
      },
      {
        text: 'The talks had been constructive, Foreign Minister Ivan Petrov was quoted as saying.',
        expect: { content: 'The talks had been constructive', speaker: 'Foreign Minister Ivan Petrov', cue: 'was quoted as saying' },
      },
    ],
    negative: ['The report was quoted widely in the press.'],
  },
}

export const quotesAsSaying: QuotePattern<'quotes-as-saying'> = {
  name: 'quotes-as-saying',
  describe: '"CONTENT, SRC quotes X as saying" and "SRC quoted X as saying CONTENT": speaker X, via SRC',
  find: ({ body, v }, i) => ofPattern(relayedAt(body, v, i), 'quotes-as-saying'),
  examples: {
    positive: [
      {
        text: 'The economy will grow by 6 percent this year, state broadcaster CCTV quotes Premier Li Wen as saying.',
        expect: { content: 'The economy will grow by 6 percent this year', speaker: 'Premier Li Wen', cue: 'quotes ... as saying' },
      },
      {
        text: 'The Interfax agency quoted General Oleg Sokolov as saying that the troops would withdraw.',
        expect: { content: 'the troops would withdraw', speaker: 'General Oleg Sokolov', cue: 'quoted ... as saying' },
      },
    ],
    negative: ['The newspaper quoted prices from several shops.'],
  },
}
