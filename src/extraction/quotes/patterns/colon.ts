import { DETERMINERS, ROLE_NOUNS } from '../../lexicon/index.js'
import { BULLETS, NOT_SPEAKER_LABELS, OPEN_MARKS, PARTICLES_IN_NAMES } from '../../lexicon/quote-words.js'
import { isCapitalised } from '../../stages/tokenize.js'
import { contentTo, trimContent } from '../content-span.js'
import { lower, span } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/**
 * "PENCE: Well, look, …", "Pat Caddell: Democrat Voters Worried …": a name and a colon opening a
 * paragraph attribute the rest of it (transcripts, headlines).
 */
export const colon: QuotePattern<'colon'> = {
  name: 'colon',
  describe: '"X: CONTENT" opening a paragraph (transcripts, headlines): the rest of the paragraph is X’s',
  find: ({ body, v }, i) => {
    const { toks, sentence } = v
    if (i !== 0) return null
    const paragraphStart = v.index === 0 || v.previousParagraph !== sentence.paragraph
    if (!paragraphStart) return null
    // a list item may open with a bullet ("- Manchester City boss Kevin Keegan: “…”")
    let k = OPEN_MARKS.has(toks[0]?.text ?? '') || BULLETS.has(toks[0]?.text ?? '') ? 1 : 0
    const from = k
    while (k < toks.length && k - from < 5 && (isCapitalised(toks[k]!.text) || PARTICLES_IN_NAMES.has(toks[k]!.text))) k++
    // before a quotation the label may describe the speaker: "Manchester City boss Kevin Keegan:"
    if (toks[k]?.text !== ':') {
      const colonAt = toks.findIndex((t, n) => n > from && n <= from + 8 && t.text === ':')
      const described =
        colonAt > 0 &&
        OPEN_MARKS.has(toks[colonAt + 1]?.text ?? '') &&
        isCapitalised(toks[colonAt - 1]!.text) &&
        toks.slice(from, colonAt).every((t) => isCapitalised(t.text) || ROLE_NOUNS.has(lower(t)) || t.text === '’s' || t.text === "'s") &&
        toks.slice(from, colonAt).some((t) => ROLE_NOUNS.has(lower(t)) && !isCapitalised(t.text))
      if (described) k = colonAt
    }
    if (k === from || toks[k]?.text !== ':' || DETERMINERS.has(toks[from]!.text) || NOT_SPEAKER_LABELS.has(toks[from]!.text)) return null
    const first = contentTo(body, v, k + 1, toks.length, 3)
    if (!first) return null
    const content = v.paragraphEnd ? trimContent(body, { start: first.start, end: v.paragraphEnd }) : first
    return {
      content,
      speaker: span(toks, { from, to: k }),
      cue: ':',
      cueSpan: { start: toks[k]!.start, end: toks[k]!.end },
      via: null,
      pattern: 'colon',
      confidence: 0.6,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'PENCE: Well, look, we have made our position very clear.',
        expect: { content: 'Well, look, we have made our position very clear', speaker: 'PENCE', cue: ':' },
      },
      {
        text: 'Angela Ruiz: The city needs more affordable homes now.',
        expect: { content: 'The city needs more affordable homes now', speaker: 'Angela Ruiz', cue: ':' },
      },
      {
        text: '- Leeds United boss Tom Harris: “We deserved the point and the fans were magnificent.”',
        expect: { content: 'We deserved the point and the fans were magnificent', speaker: 'Leeds United boss Tom Harris', cue: ':' },
      },
    ],
    negative: [
      'Correction: An earlier version of this story misspelled the name of the mayor.',
      // a news label, not a speaker
      'Breaking News: The river has burst its banks in three places.',
      // a contributor credit and a kicker
      'Contributing: Jane Doe and John Roe, Medill News Service',
      'Revealed: The secret deals behind the stadium plan',
    ],
  },
}
