import { DETERMINERS } from '../../lexicon/index.js'
import {
  AUX,
  CLOSE_MARKS,
  COMMISSIVE_VERBS,
  OPEN_MARKS,
  PARTICIPLE_CUES,
  PRONOUN_SPEAKERS,
  REQUEST_VERBS,
} from '../../lexicon/quote-words.js'
import { contentStartAfter, contentTo, hasClauseVerb } from '../content-span.js'
import { runningSpeaker } from '../speaker-phrase.js'
import { isWordToken, lower, wordCue } from '../tokens.js'
import type { QuotePattern } from '../types.js'

/** ", saying CONTENT", ", adding that CONTENT": speech attached to the sentence's subject (or its quote's speaker). */
export const participle: QuotePattern<'participle'> = {
  name: 'participle',
  describe: '"…, saying/adding that/arguing that CONTENT": speech attached to the speaker of an earlier quote, else the sentence subject',
  find: ({ body, v, found }, i) => {
    const { toks } = v
    const cue = lower(toks[i])
    // the comma may sit inside a closing quotation mark ('of “Morning Show,” adding that …')
    const afterComma = toks[i - 1]?.text === ',' || (CLOSE_MARKS.has(toks[i - 1]?.text ?? '') && toks[i - 2]?.text === ',')
    if (!PARTICIPLE_CUES.has(cue) || !afterComma) return null
    let j = i + 1
    // ", vowing to make Mexico pay": a promise's infinitive; ", urging voters to stay home": a request
    let from: number | null = null
    if (COMMISSIVE_VERBS.has(cue) && lower(toks[j]) === 'to') from = j
    else if (REQUEST_VERBS.has(cue)) {
      const to = toks.findIndex((t, k) => k > j && k <= j + 6 && lower(t) === 'to')
      if (to > 0 && toks.slice(j, to).every((t) => isWordToken(t) && !AUX.has(lower(t))) && /^[a-z]+$/.test(toks[to + 1]?.text ?? ''))
        from = j
    }
    if (from === null && cue === 'telling') {
      // ", telling reporters during a visit to Scotland on Friday that …", ", telling reporters, “…”"
      const that = toks.findIndex((t, k) => k > j && k <= j + 15 && (lower(t) === 'that' || OPEN_MARKS.has(t.text)))
      const between = that > 0 ? toks.slice(j, that) : []
      if (that < 0 || !between.every((t) => isWordToken(t) || t.text === ',' || t.text === ':' || t.text === '’s' || t.text === "'s"))
        return null
      j = OPEN_MARKS.has(toks[that]!.text) ? that - 1 : that
    }
    const start = contentStartAfter(toks, j)
    // ", claiming the party’s move would cost …": a bare clause, its subject then its verb
    const bareClause =
      (DETERMINERS.has(toks[start.index]?.text ?? '') || PRONOUN_SPEAKERS.has(toks[start.index]?.text ?? '')) &&
      hasClauseVerb(toks, start.index + 1)
    if (
      from === null &&
      !start.hasThat &&
      !OPEN_MARKS.has(toks[start.index]?.text ?? '') &&
      !OPEN_MARKS.has(toks[j]?.text ?? '') &&
      cue !== 'saying' &&
      !bareClause
    )
      return null
    // a quotation after the cue ends at its closing mark ('saying, “…,” but he denied …')
    const opensQuote = OPEN_MARKS.has(toks[start.index]?.text ?? '')
    const close = opensQuote ? toks.findIndex((t, k) => k > start.index && CLOSE_MARKS.has(t.text)) : -1
    const content = contentTo(body, v, from ?? start.index, close > 0 ? close + 1 : toks.length)
    if (!content) return null
    const subject = runningSpeaker(found, toks, i, (q) => q.content.end <= toks[i]!.start)
    if (!subject) return null
    return {
      content,
      speaker: subject,
      ...wordCue(toks, i),
      via: null,
      pattern: 'participle',
      confidence: 0.7,
      sentence: v.index,
    }
  },
  examples: {
    positive: [
      {
        text: 'The minister defended the plan, saying it would create thousands of jobs.',
        expect: { content: 'it would create thousands of jobs', speaker: 'The minister', cue: 'saying' },
      },
      {
        text: 'Ms. Reyes said the deal was fair, adding that both sides had made concessions.',
        expect: { content: 'both sides had made concessions', speaker: 'Ms. Reyes', cue: 'adding' },
      },
      {
        text: 'The union sued the city, claiming the new rules would cost members their jobs.',
        expect: { content: 'the new rules would cost members their jobs', speaker: 'The union', cue: 'claiming' },
      },
      {
        text: 'The candidate attacked the plan, vowing to repeal it on his first day in office.',
        expect: { content: 'to repeal it on his first day in office', speaker: 'The candidate', cue: 'vowing' },
      },
      {
        text: 'The mayor closed the schools, urging parents to keep children at home.',
        expect: { content: 'parents to keep children at home', speaker: 'The mayor', cue: 'urging' },
      },
      {
        text: 'The campaign shrugged off the comments, telling reporters, “Nobody on the team has asked for an endorsement.”',
        expect: { content: 'Nobody on the team has asked for an endorsement', speaker: 'The campaign', cue: 'telling' },
      },
      {
        // speech reported inside the quotation is nested in it
        text: 'The president came close to an admission, saying, “We never said there were no soldiers there,” but denied more.',
        expect: { content: 'We never said there were no soldiers there', speaker: 'The president', cue: 'saying' },
      },
      {
        text: 'He praised the vote, telling reporters during a visit to Rome on Friday that it was a great thing.',
        expect: { content: 'it was a great thing', speaker: 'He', cue: 'telling' },
      },
    ],
    negative: ['He left the room, saying nothing.', 'She read the letter, noting the date and the stamp.'],
  },
}
