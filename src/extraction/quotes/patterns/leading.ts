import { DETERMINERS, NP_CONTENT_VERBS, OBJECT_SPEECH_VERBS, PHRASE_BREAKERS, SPEECH_VERBS } from '../../lexicon/index.js'
import {
  AMBIGUOUS_CUES,
  AUDIENCE_NOUNS,
  AUX,
  BE_FORMS,
  CLOSE_MARKS,
  COMMISSIVE_VERBS,
  FINITE,
  NOT_COMPLEMENT_STARTS,
  OBJECT_OPENERS,
  OBJECT_TAKING_CUES,
  OBJECT_PRONOUNS,
  OPEN_MARKS,
  PROGRESSIVE_CUES,
  QUESTION_VERBS,
  REQUEST_VERBS,
  TIME_WORDS,
  WH_WORDS,
} from '../../lexicon/quote-words.js'
import { isCapitalised } from '../../stages/tokenize.js'
import type { Token } from '../../types.js'
import { clauseEnd, contentStartAfter, contentTo, hasClauseVerb, isClauseStart, quotationMarkAfter } from '../content-span.js'
import { postmodifiedSubject, speakerAfter, speakerBefore } from '../speaker-phrase.js'
import { isPossessive, isReportingCue, isWordToken, lower, span, wordCue } from '../tokens.js'
import { lastResult, ofPattern, type PatternName, type QuoteCandidate, type QuotePattern, type SentenceView } from '../types.js'

/**
 * Start of a bare complement clause after the audience of "told" at `j` ("told them the state
 * would pay", "told reporters his plan had worked"): the audience is an object pronoun or an
 * audience noun, the clause opens with a determiner and has a verb within eight words. Null otherwise.
 */
function bareClauseAfterAudience(toks: Token[], j: number): number | null {
  const audience = lower(toks[j])
  if (!OBJECT_PRONOUNS.has(audience) && !AUDIENCE_NOUNS.has(audience)) return null
  let k = j + 1
  // "told reporters on Monday the …"
  if (lower(toks[k]) === 'on' && TIME_WORDS.has(toks[k + 1]?.text ?? '')) k += 2
  else if (TIME_WORDS.has(toks[k]?.text ?? '')) k++
  return DETERMINERS.has(toks[k]?.text ?? '') && hasClauseVerb(toks, k + 1) ? k : null
}

/**
 * "told reporters in Nashua last week, “…”", "says to Nevadans: “…”": a short phrase of words (an
 * audience, a place, a time) from token `j` up to a comma or colon that opens a quotation. The
 * phrase's range (ending at that comma or colon), or null.
 */
function quotedAfterPhrase(toks: Token[], j: number): { from: number; to: number } | null {
  const mark = quotationMarkAfter(toks, j, 10)
  if (mark < 0) return null
  const phrase = toks.slice(j, mark)
  const plain = phrase.every(
    (t) => (isWordToken(t) || isPossessive(t)) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)) && !FINITE.has(lower(t)),
  )
  return plain ? { from: j, to: mark } : null
}

/** "X said (that) CONTENT", "X told reporters that CONTENT", "X denied CONTENT". */
const leadingAt = lastResult((body: string, v: SentenceView, i: number): QuoteCandidate | null => {
  if (!isReportingCue(v.toks, i)) return null
  const { toks } = v
  const verb = lower(toks[i])
  // "He’s claiming that …": the contracted "is" of a progressive
  const contracted = (toks[i - 1]?.text === '’s' || toks[i - 1]?.text === "'s") && PROGRESSIVE_CUES.has(verb)
  let sp = speakerBefore(toks, contracted ? i - 1 : i)
  if (sp && !isClauseStart(toks, sp.from)) {
    // "In a March meeting with the Washington Post Trump said that …": with a strong signal after the
    // verb ("that", a quotation), the name right before it is the speaker
    const strong = lower(toks[i + 1]) === 'that' || OPEN_MARKS.has(toks[i + 1]?.text ?? '')
    let from = sp.to
    while (from > sp.from && sp.to - from < 3 && isCapitalised(toks[from - 1]!.text)) from--
    sp = strong && from < sp.to ? { from, to: sp.to } : null
  }
  // "People briefed on the talks say", "Friends of Mr. Lee who have seen him say"
  sp ??= postmodifiedSubject(toks, contracted ? i - 1 : i)
  if (!sp) return null
  // "Rubio was asked by …": the asker speaks (askedBy)
  if (verb === 'asked' && BE_FORMS.has(lower(toks[i - 1])) && lower(toks[i + 1]) === 'by') return null
  let j = i + 1
  // "says of Clinton, “If she …”", "said of the episode, “I don’t like it”", "said of Congress: “…”"
  if (lower(toks[j]) === 'of' && (isCapitalised(toks[j + 1]?.text ?? '') || DETERMINERS.has(toks[j + 1]?.text ?? ''))) {
    const comma = toks.findIndex((t, k) => k > j && k <= j + 5 && (t.text === ',' || t.text === ':'))
    if (comma > 0) j = comma
  }
  // "has pledged to cut taxes": the infinitive of a commissive verb is the promise reported
  if (
    COMMISSIVE_VERBS.has(verb) &&
    lower(toks[j]) === 'to' &&
    /^[a-z]+$/.test(toks[j + 1]?.text ?? '') &&
    !AUX.has(lower(toks[j + 1])) &&
    !DETERMINERS.has(lower(toks[j + 1]))
  ) {
    const content = contentTo(body, v, j, clauseEnd(toks, j + 1), 3)
    if (!content) return null
    const cueSpan = { start: toks[i]!.start, end: toks[i]!.end }
    return { content, speaker: span(toks, sp), cue: verb, cueSpan, via: null, pattern: 'leading', confidence: 0.6, sentence: v.index }
  }
  if (OBJECT_SPEECH_VERBS.has(verb)) {
    // "told reporters that", "told a meeting of Pacific Island leaders that", "told me, ''We're …''"
    // the audience may be long and carry a place and a time ("a packed crowd in Windham, New Hampshire, on Monday that")
    const that = toks.findIndex((t, k) => k > j && k <= j + 20 && lower(t) === 'that')
    const between = that > 0 ? toks.slice(j, that) : []
    const objectThenThat =
      that > 0 &&
      (that - j <= 10 || !between.some((t) => FINITE.has(lower(t)))) &&
      between.every(
        (t, k) =>
          (isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t))) ||
          (t.text === ',' && k > 0 && isCapitalised(between[k - 1]!.text)) ||
          t.text === '’s' ||
          t.text === "'s" ||
          OPEN_MARKS.has(t.text) ||
          CLOSE_MARKS.has(t.text),
      )
    const named = speakerAfter(toks, j)
    const beforeQuote = (r: { to: number } | null) =>
      !!r && (toks[r.to]?.text === ',' || toks[r.to]?.text === ':') && OPEN_MARKS.has(toks[r.to + 1]?.text ?? '')
    const obj = beforeQuote(named) ? named : (quotedAfterPhrase(toks, j) ?? named)
    const objectThenQuote = beforeQuote(obj)
    // "urges supporters to monitor polling places": the request is what was said
    // ("warned Mr Brown not to be tempted")
    const objectThenTo =
      obj &&
      (lower(toks[obj.to]) === 'to' || (lower(toks[obj.to]) === 'not' && lower(toks[obj.to + 1]) === 'to')) &&
      REQUEST_VERBS.has(verb)
    // "Trump told the forum he was “totally against the war”": object, then a clause with a pronoun subject
    const pronoun = toks.findIndex(
      (t, k) => k > j && k <= j + 6 && /^(he|she|they|it|we|i)$/i.test(t.text) && !PHRASE_BREAKERS.has(lower(toks[k - 1])),
    )
    const objectThenClause =
      pronoun > 0 &&
      toks.slice(j, pronoun).every((t) => isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)) && lower(t) !== 'to') &&
      !!toks[pronoun + 1] &&
      /^[a-z’']+$/.test(toks[pronoun + 1]!.text)
    // "told me his support made him …", "told reporters the vote would be delayed": an object pronoun
    // or audience noun, then a clause opening with a determiner and holding a finite verb
    const clauseAfterAudience = bareClauseAfterAudience(toks, j)
    // "asked, “You think …?”", "asked Sanders whether …", "told me how …"
    const quoteRightAfter = (toks[j]?.text === ',' || toks[j]?.text === ':') && OPEN_MARKS.has(toks[j + 1]?.text ?? '')
    // "told the story of how …": a wh-clause after "of" completes a noun, it is no indirect question
    const wh = toks.findIndex((t, k) => k >= j && k <= j + 6 && WH_WORDS.has(lower(t)) && lower(toks[k - 1]) !== 'of')
    const objectThenWh = wh >= 0 && toks.slice(j, wh).every((t) => isWordToken(t) && !SPEECH_VERBS.has(lower(t)) && !AUX.has(lower(t)))
    const speaker = sp
    const complementFrom = (from: number, pattern: PatternName, confidence: number): QuoteCandidate | null => {
      const content = contentTo(body, v, from, clauseEnd(toks, from), 3)
      return content
        ? {
            content,
            speaker: span(toks, speaker),
            ...wordCue(toks, i),
            via: null,
            pattern,
            confidence,
            sentence: v.index,
          }
        : null
    }
    if (!quoteRightAfter) {
      if (objectThenThat) j = that
      else if (objectThenQuote && obj) j = obj.to
      else if (objectThenWh && QUESTION_VERBS.has(verb)) return complementFrom(wh, 'question', 0.7)
      else if (objectThenClause) return complementFrom(pronoun, 'leading', 0.7)
      else if (clauseAfterAudience !== null) return complementFrom(clauseAfterAudience, 'leading', 0.65)
      else if (objectThenTo) return complementFrom(j, 'request', 0.6)
      else if (!(lower(toks[j]) === 'that' || toks[j]?.text === ':')) return null
    }
  }
  // "says to Nevadans: “…”": the addressee, then the quotation
  if (lower(toks[j]) === 'to') {
    const addressed = quotedAfterPhrase(toks, j)
    if (addressed) j = addressed.to
  }
  // "said to be", "said so": not a report of what was said
  if (lower(toks[j]) === 'to' || lower(toks[j]) === 'so') return null
  const start = contentStartAfter(toks, j)
  // "Twenty-seven states, led by …", "charged fees": words that are nouns or other verbs as often
  // as reporting verbs report only with "that", a colon or a quotation after them
  if (AMBIGUOUS_CUES.has(verb) && !start.hasThat && toks[j]?.text !== ':' && !OPEN_MARKS.has(toks[start.index]?.text ?? '')) return null
  const npContent = NP_CONTENT_VERBS.has(verb)
  if (!start.hasThat && !npContent && toks[j]?.text !== ':' && !OPEN_MARKS.has(toks[start.index]?.text ?? '')) {
    // bare complement: "He said Moscow’s proposals had ..." needs a clause, not "said on Monday."
    const first = toks[start.index]
    // a complement clause opens with its subject, not with a preposition or a verb
    if (!first || !isWordToken(first) || NOT_COMPLEMENT_STARTS.has(lower(first))) return null
    // beyond say and tell, a reporting verb also takes plain objects ("maintains a lead", "claimed a
    // victory", "continued their search"): a bare complement must show a clause's verb
    // ("added 30 cents to $12.40": an amount is an object too)
    const objectLike = OBJECT_OPENERS.has(lower(first)) || /^[\d$€£]/.test(first.text)
    if (OBJECT_TAKING_CUES.has(verb) && objectLike && !hasClauseVerb(toks, start.index + 1, 12)) return null
  }
  let to = clauseEnd(toks, start.index)
  if (npContent) {
    // "denied plans to invade Ukraine and has blamed ..." ends at the coordinated verb phrase
    const coord = toks.findIndex((t, k) => k > start.index && lower(t) === 'and' && AUX.has(lower(toks[k + 1])))
    if (coord > 0) to = coord
  }
  const content = contentTo(body, v, start.index, to)
  if (!content) return null
  const cue = wordCue(toks, i)
  const confidence = start.hasThat ? 0.8 : npContent ? 0.6 : 0.7
  return { content, speaker: span(toks, sp), ...cue, via: null, pattern: 'leading', confidence, sentence: v.index }
})

export const question: QuotePattern<'question'> = {
  name: 'question',
  describe: '"X asked Y whether/what …": an indirect question after asked/told and an object',
  find: ({ body, v }, i) => ofPattern(leadingAt(body, v, i), 'question'),
  examples: {
    positive: [
      {
        text: 'Reporters asked Prime Minister Jan Novak whether he would resign.',
        expect: { content: 'whether he would resign', speaker: 'Reporters', cue: 'asked' },
      },
      {
        text: 'The judge asked the witness why she had waited so long to come forward.',
        expect: { content: 'why she had waited so long to come forward', speaker: 'The judge', cue: 'asked' },
      },
    ],
    negative: ['She asked for a lawyer.', 'He told the story of how the city was founded.'],
  },
}

export const request: QuotePattern<'request'> = {
  name: 'request',
  describe: '"X urges Y to …": the request after urged/told/asked/warned and an object',
  find: ({ body, v }, i) => ofPattern(leadingAt(body, v, i), 'request'),
  examples: {
    positive: [
      {
        text: 'The mayor urged residents to stay indoors during the storm.',
        expect: { content: 'residents to stay indoors during the storm', speaker: 'The mayor', cue: 'urged' },
      },
      {
        text: 'Police told drivers to avoid the city centre on Saturday.',
        expect: { content: 'drivers to avoid the city centre on Saturday', speaker: 'Police', cue: 'told' },
      },
      {
        text: 'The union warned ministers not to cut the health budget.',
        expect: { content: 'ministers not to cut the health budget', speaker: 'The union', cue: 'warned' },
      },
    ],
    negative: ['He was told to leave the building.'],
  },
}

export const leading: QuotePattern<'leading'> = {
  name: 'leading',
  describe:
    '"X said (that) CONTENT", "X told reporters that …", "X is warning that …", "X denied CONTENT": the attribution opens the clause',
  find: ({ body, v }, i) => ofPattern(leadingAt(body, v, i), 'leading'),
  examples: {
    positive: [
      {
        // an audience with a place and a time before the quotation; a time between subject and verb
        text: 'Governor Reyes on Monday told reporters in Nashua last week, “We can feel it happening.”',
        expect: { content: 'We can feel it happening', speaker: 'Governor Reyes', cue: 'told' },
      },
      {
        text: 'She says to the volunteers: “This one is for you.”',
        expect: { content: 'This one is for you', speaker: 'She', cue: 'says' },
      },
      {
        // an opening phrase set off by spaced hyphens used as dashes
        text: 'Inside the mosque - which looks like a church - Adel Nasri said the worshippers were collecting money.',
        expect: { content: 'the worshippers were collecting money', speaker: 'Adel Nasri', cue: 'said' },
      },
      {
        text: 'Courted by every candidate, Mr. Adams said on Friday during a news conference that he may wait until February.',
        expect: { content: 'he may wait until February', speaker: 'Mr. Adams', cue: 'said' },
      },
      {
        // a phrase between the verb and the colon that opens the quotation
        text: 'The mayor said in a statement: “We will rebuild the bridge.”',
        expect: { content: 'We will rebuild the bridge', speaker: 'The mayor', cue: 'said' },
      },
      {
        text: 'He said of the council: “They need to act now.”',
        expect: { content: 'They need to act now', speaker: 'He', cue: 'said' },
      },
      {
        text: 'The minister said that the border would reopen on Friday.',
        expect: { content: 'the border would reopen on Friday', speaker: 'The minister', cue: 'said' },
      },
      {
        text: 'Senator Ana Ortiz told reporters that the bill had enough votes to pass.',
        expect: { content: 'the bill had enough votes to pass', speaker: 'Senator Ana Ortiz', cue: 'told' },
      },
      {
        text: 'Ms. Reyes said the deal was fair, adding that both sides had made concessions.',
        expect: { content: 'the deal was fair', speaker: 'Ms. Reyes', cue: 'said' },
      },
      {
        // an apposition with commas of its own: the name before the first one speaks
        text: 'Tomas Kral, 34, a nurse from Brno, Moravia, said the ward had been short of staff for months.',
        expect: {
          content: 'the ward had been short of staff for months',
          speaker: 'Tomas Kral, 34, a nurse from Brno, Moravia',
          cue: 'said',
        },
      },
      {
        text: 'Amina Diallo — a farmer from the north — says the rains came too late this year.',
        expect: { content: 'the rains came too late this year', speaker: 'Amina Diallo — a farmer from the north', cue: 'says' },
      },
      {
        // a poll share as the subject: approximator, "N in M", "percent of"
        text: 'About four in 10 voters say they want the next mayor to cut taxes.',
        expect: { content: 'they want the next mayor to cut taxes', speaker: 'About four in 10 voters', cue: 'say' },
      },
      {
        text: 'More than 60 percent of nurses said they had worked unpaid overtime.',
        expect: { content: 'they had worked unpaid overtime', speaker: 'More than 60 percent of nurses', cue: 'said' },
      },
      {
        // a hyphenated description ("26-year-old") is one word of the subject
        text: 'The 26-year-old defender said he was happy with the result.',
        expect: { content: 'he was happy with the result', speaker: 'The 26-year-old defender', cue: 'said' },
      },
      {
        // unnamed sources and groups described after their head: a participle, "familiar with", a relative clause
        text: 'People briefed on the talks say that the two sides are close to a deal.',
        expect: { content: 'the two sides are close to a deal', speaker: 'People briefed on the talks', cue: 'say' },
      },
      {
        text: 'Friends of Ms. Lee who have worked with her say that she is ready for the job.',
        expect: { content: 'she is ready for the job', speaker: 'Friends of Ms. Lee who have worked with her', cue: 'say' },
      },
      {
        // base forms report with a plural subject, as "say" does
        text: 'Critics argue that the new tax will hurt small shops the most.',
        expect: { content: 'the new tax will hurt small shops the most', speaker: 'Critics', cue: 'argue' },
      },
      {
        text: 'Officials insist the water is safe to drink.',
        expect: { content: 'the water is safe to drink', speaker: 'Officials', cue: 'insist' },
      },
      {
        // a commissive verb reports its promise as an infinitive
        text: 'The governor has pledged to cut property taxes for retirees.',
        expect: { content: 'to cut property taxes for retirees', speaker: 'The governor', cue: 'pledged' },
      },
      {
        // an apposition holding commas of its own (age, home town): the name opening the clause speaks
        text: 'Jo Bloggs, 34, of Leeds, England, said she had waited six hours for a bus.',
        expect: { content: 'she had waited six hours for a bus', speaker: 'Jo Bloggs, 34, of Leeds, England', cue: 'said' },
      },
      {
        text: 'Sen. Tom Baker (R-Ohio), another veteran lawmaker, said he had not decided how to vote.',
        expect: { content: 'he had not decided how to vote', speaker: 'Sen. Tom Baker (R-Ohio), another veteran lawmaker', cue: 'said' },
      },
      {
        text: 'Sen. Jack Reed (D-R.I.), said after a lunch on Tuesday that he had not read the plan.',
        expect: { content: 'he had not read the plan', speaker: 'Sen. Jack Reed (D-R.I.)', cue: 'said' },
      },
      {
        // a description, then the name in apposition
        text: 'One pastor supporting the senator, Jo Whiting of Grace Church in Marion, said he had made 150 calls.',
        expect: { content: 'he had made 150 calls', speaker: 'Jo Whiting of Grace Church in Marion', cue: 'said' },
      },
      {
        text: 'Again, those surveyed said the mayor was best able to handle the crisis.',
        expect: { content: 'the mayor was best able to handle the crisis', speaker: 'those surveyed', cue: 'said' },
      },
      {
        // a long audience, with a place and a day, before "that"
        text: 'The mayor told a town hall in Salem, Oregon, on Monday that the bridge would be rebuilt.',
        expect: { content: 'the bridge would be rebuilt', speaker: 'The mayor', cue: 'told' },
      },
      {
        // a verb of saying beyond say and tell, in its present form
        text: 'Officials allege the ranch is not being farmed.',
        expect: { content: 'the ranch is not being farmed', speaker: 'Officials', cue: 'allege' },
      },
      {
        // the audience of "told", then a bare clause with its own verb
        text: 'The governor told them the state would pay for the repairs.',
        expect: { content: 'the state would pay for the repairs', speaker: 'The governor', cue: 'told' },
      },
      {
        text: 'A teary-eyed Bush says he is proud of the campaign he ran.',
        expect: { content: 'he is proud of the campaign he ran', speaker: 'A teary-eyed Bush', cue: 'says' },
      },
      {
        // an aside in parentheses
        text: 'Rankings differ. (Forbes says it tracks 500 more family fortunes.)',
        expect: { content: 'it tracks 500 more family fortunes', speaker: 'Forbes', cue: 'says' },
      },
      {
        text: 'The coach said of the defeat, “We were not good enough.”',
        expect: { content: 'We were not good enough', speaker: 'The coach', cue: 'said' },
      },
      {
        // a reporting verb that also takes objects, here with a clause
        text: 'The minister reported his department had met every target.',
        expect: { content: 'his department had met every target', speaker: 'The minister', cue: 'reported' },
      },
      {
        // a participle and a day after the head describe the source
        text: 'A report published Wednesday said the minister had used a private email account.',
        expect: { content: 'the minister had used a private email account', speaker: 'A report published Wednesday', cue: 'said' },
      },
      {
        // a programme's quoted title inside the phrase before "that"
        text: 'Smith said on ABC’s “Face the Nation” that he would look at the bill.',
        expect: { content: 'he would look at the bill', speaker: 'Smith', cue: 'said' },
      },
    ],
    negative: [
      'She told them the story of her life.',
      'The coach told them the news before the game started.',
      'The club promised to the city a new stadium.',
      'The lawyers hope to argue the case before the Supreme Court.',
      'Rescuers tried to reach villagers in the valley said to be cut off by the flood.',
      // "said goodbye/hello": a greeting, not reported speech
      'The company said goodbye to its founder last year.',
      'He is said to be furious about the decision.',
      'The minister said on Monday.',
      'The party won about 40 percent of the votes said to be cast in the city.',
      // reporting verbs with a plain object
      'Shares of the bank added 30 cents to $12.40 in early trading.',
      'The company reported a profit of $3 million for the quarter.',
      'She claimed a victory in Iowa but trails in the delegate count.',
      'Police continued their search for the missing boy on Sunday.',
    ],
  },
}
