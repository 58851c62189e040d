import { DETERMINERS, GROUP_NOUNS, ROLE_NOUNS } from '../../lexicon/index.js'
import { PRONOUN_SPEAKERS, SUBJECT_INTRO_WORDS } from '../../lexicon/quote-words.js'
import { isCapitalised } from '../../stages/tokenize.js'
import { trimContent } from '../content-span.js'
import { sentenceSubject } from '../speaker-phrase.js'
import { isReportingCue, lower, span } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** Words opening a subordinate clause before the subject ("When the governor died in 1998, …"), as written. */
const OPENING_SUBORDINATORS = new Set(['When', 'While', 'As', 'Since', 'Although', 'Though', 'If', 'Once', 'Because', 'Before', 'After'])

/** Subjects that introduce a text, not a speaker ("Here is the statement:"). */
const NOT_SPEAKERS = new Set(['here', 'this', 'these', 'that', 'those', 'it', 'there', 'below', 'following'])

/**
 * The quotation that opens the paragraph starting after `from`: its words inside the marks (to the
 * paragraph's end when unclosed); without marks, when `unmarked` allows it, the whole paragraph.
 */
function quotationOpeningNextParagraph(body: string, from: number, unmarked: boolean) {
  const next = /^[ \t]*\n\s*((?:[“"]|'')?)/.exec(body.slice(from, from + 40))
  const marked = !!next?.[1]
  if (!next || (!marked && !(unmarked && /^\p{Lu}/u.test(body.slice(from + next[0].length))))) return null
  const start = from + next[0].length
  const newline = body.indexOf('\n', start)
  const paragraphEnd = newline < 0 ? body.length : newline
  // closed at the paragraph's end ("…”" and any final punctuation), else running on
  const closed = marked ? /(?:[”"]|'')[\s.,!?]*$/.exec(body.slice(start, paragraphEnd)) : null
  const end = closed ? start + closed.index : paragraphEnd
  return end > start ? trimContent(body, { start, end }) : null
}

/**
 * "Cruz continued:¶“The questions asked in this debate …”", "President Clinton released the
 * following statement:¶“…”": a paragraph that ends in a colon hands the quotation opening the
 * next paragraph to its subject, whatever its verb (a colon at a paragraph's end introduces).
 */
export const colonIntroduction: QuotePattern<'colon-introduction'> = {
  name: 'colon-introduction',
  describe: '"X continued:" ending a paragraph, then a paragraph opening with a quotation: the quotation is X’s',
  find: ({ body, v }, i) => {
    const { toks } = v
    if (toks[i]?.text !== ':' || i !== toks.length - 1 || i < 2) return null
    if (v.paragraphEnd !== undefined && body.slice(toks[i].end, v.paragraphEnd).trim() !== '') return null
    // with no quotation marks the next paragraph is speech only after a reporting verb ("he declared:")
    const reports = toks.slice(0, i).some((t, k) => isReportingCue(toks, k) || lower(t) === 'statement')
    const content = quotationOpeningNextParagraph(body, toks[i].end, reports && !/[“”"]|''/.test(body))
    if (!content) return null
    // the subject, after an opening adverbial ("In a 1963 speech, he declared:")
    const comma = toks.findIndex((t, k) => k < i && t.text === ',')
    const introduced = SUBJECT_INTRO_WORDS.has(toks[0]!.text) || OPENING_SUBORDINATORS.has(toks[0]!.text)
    const from = comma > 0 && comma < 12 && introduced ? comma + 1 : 0
    const pronoun = PRONOUN_SPEAKERS.has(toks[from]?.text ?? '') ? { from, to: from + 1 } : null
    const rest = pronoun ? null : sentenceSubject(toks.slice(from), i - from)
    const subject = pronoun ?? (rest && { from: rest.from + from, to: rest.to + from })
    if (!subject || subject.to >= i) return null
    const words = toks.slice(subject.from, subject.to)
    if (NOT_SPEAKERS.has(lower(words[0])) && !pronoun) return null
    const head = lower(words.at(-1))
    const named = words.some((t) => isCapitalised(t.text) && !DETERMINERS.has(t.text))
    if (!pronoun && !named && !ROLE_NOUNS.has(head) && !GROUP_NOUNS.has(head)) return null
    return {
      content,
      speaker: span(toks, subject),
      cue: ':',
      cueSpan: { start: toks[i].start, end: toks[i].end },
      via: null,
      pattern: 'colon-introduction',
      confidence: 0.65,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'Senator Ana Ruiz continued:\n\n“The questions asked tonight show why people do not trust the media.”',
        expect: { content: 'The questions asked tonight show why people do not trust the media', speaker: 'Senator Ana Ruiz', cue: ':' },
      },
      {
        text: 'When the governor died in 1998, President Lane released the following statement:\n\n“We offer our condolences to his family.”',
        expect: { content: 'We offer our condolences to his family', speaker: 'President Lane', cue: ':' },
      },
      {
        text: 'In a 1963 speech, he declared:\n\n“Today we sound the drum for freedom.”',
        expect: { content: 'Today we sound the drum for freedom', speaker: 'he', cue: ':' },
      },
      {
        // a text without quotation marks: the paragraph after a reporting verb and a colon
        text: 'The minister declared:\n\nWe will rebuild every school that was damaged.',
        expect: { content: 'We will rebuild every school that was damaged', speaker: 'The minister', cue: ':' },
      },
    ],
    negative: [
      // without quotation marks, only after a reporting verb
      'The minister listed the damage:\n\nFour schools were flooded in the storm.',
      'Here is the full statement:\n\n“We offer our condolences to his family.”',
      // the colon opens a list in the same paragraph, not a quotation in the next
      'The mayor listed three priorities: housing, transport and schools.',
    ],
  },
}
