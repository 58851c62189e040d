import { BE_FORMS, OPEN_MARKS, WH_WORDS } from '../../lexicon/quote-words.js'
import { contentTo } from '../content-span.js'
import { speakerAfter } from '../speaker-phrase.js'
import { lower, span } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** "Rubio was asked by moderator Gerard Baker whether …" / "…, “…?”": the asker speaks the question. */
export const askedBy: QuotePattern<'asked-by'> = {
  name: 'asked-by',
  describe: '"X was asked by Y whether …" / "X was asked by Y, “…?”": the asker Y speaks the question',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (i < 1 || i >= toks.length - 2) return null
    if (lower(toks[i]) !== 'asked' || !BE_FORMS.has(lower(toks[i - 1])) || lower(toks[i + 1]) !== 'by') return null
    const asker = speakerAfter(toks, i + 2)
    if (!asker) return null
    let k = asker.to
    // "host Bill Maher, who is supporting Sanders, …": skip a relative clause between commas
    if (toks[k]?.text === ',' && lower(toks[k + 1]) === 'who') {
      const close = toks.findIndex((t, n) => n > k + 1 && t.text === ',')
      if (close > 0) k = close
    }
    const start = toks[k]?.text === ',' || toks[k]?.text === ':' ? k + 1 : k
    if (!(OPEN_MARKS.has(toks[start]?.text ?? '') || WH_WORDS.has(lower(toks[start])))) return null
    const content = contentTo(body, v, start, toks.length, 2)
    if (!content) return null
    return {
      content,
      speaker: span(toks, asker),
      cue: 'asked',
      cueSpan: { start: toks[i - 1]!.start, end: toks[i]!.end },
      via: null,
      pattern: 'asked-by',
      confidence: 0.7,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'Senator Joan Meyer was asked by moderator Dan Cole whether she would support the bill.',
        expect: { content: 'whether she would support the bill', speaker: 'moderator Dan Cole', cue: 'asked' },
      },
      {
        text: 'The governor was asked by reporter Lisa Kim, “Will you run again next year?”',
        expect: { content: 'Will you run again next year?', speaker: 'reporter Lisa Kim', cue: 'asked' },
      },
    ],
    negative: ['The governor was asked by the committee to resign.'],
  },
}
