import { DETERMINERS, OBJECT_SPEECH_VERBS, ROLE_NOUNS, TRAILING_TAIL_STARTERS } from '../../lexicon/index.js'
import {
  AUX,
  CIRCUMSTANCE_OPENERS,
  CLOSE_MARKS,
  CONNECTIVES,
  FINITE,
  INTRO_WORDS,
  INVERTED_SPEAKER_ENDS,
  INVERTIBLE_VERBS,
  NOT_CONTINUATIONS,
  OPEN_MARKS,
  PARTICIPLE_CUES,
  PRONOUN_SPEAKERS,
  QUANTIFIERS,
  THAT_PHRASE_OPENERS,
  TIME_WORDS,
} from '../../lexicon/quote-words.js'
import { NOT_SPEECH } from '../../lexicon/build-speech-verbs.js'
import { isCapitalised } from '../../stages/tokenize.js'
import type { Token } from '../../types.js'
import { clauseEnd, contentTo, isClauseVerb } from '../content-span.js'
import { postmodifiedSubject, speakerAfter, speakerBefore } from '../speaker-phrase.js'
import { isPossessive, isReportingCue, isWordToken, lower, span, wordCue } from '../tokens.js'
import { extendQuote, lastResult, ofPattern, type QuoteCandidate, type QuotePattern, type SentenceView } from '../types.js'

/**
 * Where the interrupted clause resumes after an inverted speaker ending at `to` (", says BT, is to
 * …"): after its comma and any apposition to the speaker (", a vice-president at IBM,"), at a word
 * that can go on a clause. Null when the sentence ends or only circumstances follow.
 */
function continuationAfter(toks: Token[], to: number): number | null {
  if (toks[to]?.text !== ',') return null
  let next = to + 1
  const nextComma = toks.findIndex((t, n) => n > next && t.text === ',')
  const segment = nextComma > 0 ? toks.slice(next, nextComma) : []
  const apposition =
    nextComma > 0 &&
    segment.length <= 12 &&
    segment.every((t) => isWordToken(t) || t.text === '’s' || t.text === "'s" || t.text === '-') &&
    !segment.some((t) => isClauseVerb(t) || AUX.has(lower(t)) || PRONOUN_SPEAKERS.has(t.text)) &&
    (DETERMINERS.has(segment[0]!.text) || /^\p{Ll}/u.test(segment[0]!.text) || isPossessiveName(segment))
  if (apposition) next = nextComma + 1
  // the clause resumes with a verb of its own; a final apposition ("…, argues Mr Lee, the firm's head.") has none
  const resumed = toks.slice(next, nextComma > next ? undefined : toks.length)
  if (!resumed.some((t) => isClauseVerb(t) || AUX.has(lower(t)) || /^[a-z]+s$/.test(t.text))) return null
  const first = toks[next]
  if (!first || !isWordToken(first) || PARTICIPLE_CUES.has(lower(first)) || NOT_CONTINUATIONS.has(lower(first))) return null
  if (/ing$/.test(lower(first)) || TRAILING_TAIL_STARTERS.has(lower(first))) return null
  return next
}

/** "Industry Week's Technology Leader of the Year": a possessive name opening an apposition. */
const isPossessiveName = (segment: Token[]) =>
  segment.findIndex((t) => t.text === '’s' || t.text === "'s") > 0 && isCapitalised(segment[0]!.text)

/** Whether the words before an attribution are a short introductory phrase: a preposition or "-ing" first, no verb of a clause. */
function isIntroductoryPhrase(words: Token[]): boolean {
  const first = words.find((t) => isWordToken(t))
  if (!first || OPEN_MARKS.has(words[0]!.text) || words.some((t) => CLOSE_MARKS.has(t.text))) return false
  const opensPhrase = CIRCUMSTANCE_OPENERS.has(lower(first)) || /^[A-Z][a-z]+ing$/.test(first.text)
  return opensPhrase && words.filter(isWordToken).length <= 8 && !words.some((t) => isClauseVerb(t) || AUX.has(lower(t)))
}

/** Whether token `at` comes right after a closing quotation mark, or after one and a comma ("“…,” X said"). */
const followsClosedQuotation = (toks: Token[], at: number) =>
  CLOSE_MARKS.has(toks[at - 1]?.text ?? '') || (toks[at - 1]?.text === ',' && CLOSE_MARKS.has(toks[at - 2]?.text ?? ''))

/**
 * "“…?” Hannity pressed." / "“…,” he surmised.": a speaker and a past-tense verb that end the
 * sentence right after a closed quotation attribute it, whatever the verb (pressed, barked, fumed):
 * in that slot news English puts only a manner of saying.
 */
function endsQuotationWithVerb(toks: Token[], i: number): boolean {
  if (!/^\p{Ll}{3,}ed$/u.test(toks[i]!.text) || NOT_SPEECH.has(toks[i]!.text)) return false
  const next = toks[i + 1]
  if (next && !['.', '!', '?'].includes(next.text)) return false
  const sp = speakerBefore(toks, i)
  if (!sp || sp.to !== i || sp.to - sp.from > 4) return false
  return followsClosedQuotation(toks, sp.from)
}

/** "CONTENT, X said [Wednesday ...]." and "CONTENT, said X." */
const trailingAt = lastResult((body: string, v: SentenceView, i: number): QuoteCandidate | null => {
  if (!isReportingCue(v.toks, i) && !endsQuotationWithVerb(v.toks, i)) return null
  const { toks } = v
  const tail = toks[i + 1]
  // "…, X said: “…”" and "…, X said that …" introduce what follows: not a trailing attribution
  // ("…, Adelson said earlier on Friday during a news conference that …": after a time or place phrase too)
  const thatAfterPhrase = toks.findIndex((t, k) => k > i && k <= i + 12 && lower(t) === 'that')
  const introduces =
    !!tail &&
    (tail.text === ':' ||
      lower(tail) === 'that' ||
      (OPEN_MARKS.has(tail.text) && !CLOSE_MARKS.has(toks[i - 1]?.text ?? '')) ||
      (thatAfterPhrase > 0 &&
        (TIME_WORDS.has(tail.text) || THAT_PHRASE_OPENERS.has(lower(tail))) &&
        toks
          .slice(i + 1, thatAfterPhrase)
          .every((t, k) => (isWordToken(t) || isPossessive(t)) && !PARTICIPLE_CUES.has(lower(t)) && !isReportingCue(toks, i + 1 + k))))
  // "As improbable as it may seem, Mr. Clarke said the deal …": an introductory phrase is not the content
  const introduced = INTRO_WORDS.has(toks[0]!.text) && !!tail && isWordToken(tail) && !TIME_WORDS.has(tail.text)
  // "…, Graham told The Huffington Post on Thursday." : the audience of "told" may follow it
  const audience = OBJECT_SPEECH_VERBS.has(lower(toks[i])) && tail && isWordToken(tail) ? speakerAfter(toks, i + 1) : null
  const afterAudience = audience ? toks[audience.to] : undefined
  const audienceOnly =
    !!audience &&
    (!afterAudience ||
      !isWordToken(afterAudience) ||
      TRAILING_TAIL_STARTERS.has(lower(afterAudience)) ||
      TIME_WORDS.has(afterAudience.text))
  // "“…,” Paradis said with a laugh." / "Ms. Gao said by telephone.": after a closed quotation the
  // manner or channel of the saying may follow the verb
  // "…, a person familiar with the talks said.": unnamed sources are named by what follows their
  // head; the plain phrase ("the talks") does not open the attribution
  const plain = speakerBefore(toks, i)
  const opensAttribution = (r: { from: number }) =>
    r.from === 0 || toks[r.from - 1]!.text === ',' || CLOSE_MARKS.has(toks[r.from - 1]!.text)
  const spBefore = plain && opensAttribution(plain) ? plain : (postmodifiedSubject(toks, i) ?? plain)
  const mannerTail = !!tail && ['with', 'by'].includes(lower(tail)) && !!spBefore && followsClosedQuotation(toks, spBefore.from)
  const tailOk =
    !introduces &&
    !introduced &&
    (audienceOnly ||
      mannerTail ||
      !tail ||
      (!isWordToken(tail) && tail.text !== '(') ||
      TRAILING_TAIL_STARTERS.has(tail.text) ||
      TRAILING_TAIL_STARTERS.has(lower(tail)))
  const cue = wordCue(toks, i)
  // inverted: ", said X" (news English inverts only plain reporting verbs)
  if (INVERTIBLE_VERBS.has(lower(toks[i])) && (toks[i - 1]?.text === ',' || CLOSE_MARKS.has(toks[i - 1]?.text ?? ''))) {
    // "said Smith", "said the spokesman": a name or a determined noun phrase that ends the clause
    const found = speakerAfter(toks, i + 1)
    const after = found ? toks[found.to] : undefined
    // right after a closing quotation mark, "said" can only be an attribution: the speaker may carry
    // a bare role noun ("said aide Jake Sullivan") and a phrase after it ("said Mr. Burman of the Tax
    // Policy Center", "said Ann Lee, who runs a shelter")
    const afterQuote = followsClosedQuotation(toks, i)
    const opens =
      found &&
      ((isCapitalised(toks[found.from]!.text) && !PRONOUN_SPEAKERS.has(toks[found.from]!.text)) ||
        DETERMINERS.has(toks[found.from]!.text) ||
        QUANTIFIERS.has(lower(toks[found.from])) ||
        // "said race director David Bedford", "said lead author Jo Bloggs": a role noun among the
        // lower-case words before the name
        (toks.slice(found.from, found.to).some((t) => ROLE_NOUNS.has(lower(t)) && !isCapitalised(t.text)) &&
          found.to - found.from >= 2 &&
          isCapitalised(toks[found.to - 1]!.text) &&
          (afterQuote || toks.slice(found.from, found.to).every((t) => isWordToken(t) || t.text === '.'))))
    const lowerWords = found
      ? toks.slice(found.from, found.to).filter((t) => /^\p{Ll}/u.test(t.text) && !DETERMINERS.has(t.text)).length
      : 0
    const closes =
      !after ||
      (afterQuote && !!found && isCapitalised(toks[found.to - 1]!.text) && ['of', 'from', 'at', 'with', 'for'].includes(lower(after))) ||
      ['.', ',', ';', '!', '?', ':'].includes(after.text) ||
      CLOSE_MARKS.has(after.text) ||
      INVERTED_SPEAKER_ENDS.has(lower(after)) ||
      TIME_WORDS.has(after.text)
    const sp = found && opens && closes && lowerWords <= 3 && found.to - found.from <= 7 ? found : null
    let comma = i - 1
    while (comma > 0 && (toks[comma]!.text === ',' || CLOSE_MARKS.has(toks[comma]!.text))) comma--
    if (sp && comma >= 0) {
      // "The idea, says BT, is to …", "But, says Nick Donofrio, a vice-president at IBM, it was …":
      // the clause goes on after the attribution (and an apposition to its speaker)
      const rest = !afterQuote ? continuationAfter(toks, sp.to) : null
      const after = rest !== null ? contentTo(body, v, rest, clauseEnd(toks, rest), 2) : null
      const beforeWords = toks.slice(0, comma + 1).filter((t) => isWordToken(t))
      const onlyConnective = beforeWords.length === 1 && CONNECTIVES.has(lower(beforeWords[0]))
      const content = onlyConnective ? null : contentTo(body, v, 0, comma + 1, after ? 1 : 3)
      const base = { speaker: span(toks, sp), ...cue, via: null, sentence: v.index }
      if (after && content) return extendQuote({ ...base, content, pattern: 'parenthetical', confidence: 0.75 }, after)
      if (after && onlyConnective) return { ...base, content: after, pattern: 'parenthetical', confidence: 0.75 }
      // "Jo Lee, a delegate from Houston, said the turmoil …": a name and an apposition between
      // commas, with no verb, before ", said the NOUN" are the speaker of a leading attribution
      const before = toks.slice(0, comma + 1)
      const clause =
        afterQuote ||
        !before.some((t) => t.text === ',') ||
        before.some((t) => isClauseVerb(t) || AUX.has(lower(t)) || /^[a-z]+s$/.test(t.text))
      if (content && clause) return { ...base, content, pattern: 'trailing-inverted', confidence: 0.8 }
    }
  }
  if (!tailOk) return null
  const sp = spBefore
  if (!sp) return null
  const before = toks[sp.from - 1]
  if (!before || !(before.text === ',' || CLOSE_MARKS.has(before.text))) return null
  let end = sp.from - 1
  while (end > 0 && (toks[end - 1]!.text === ',' || CLOSE_MARKS.has(toks[end - 1]!.text))) end--
  // "The plan, he said, would fail." / "During his years in office, Mr. Obama said, a majority …":
  // an attribution in the middle of the clause; the words on both sides are the content
  // after ", X said," a clause may go on ("…, he said, replacing Clinton would be …"), or the
  // sentence may only add circumstances (", looking out on the crowd")
  const next = toks[i + 2]
  const finiteAhead = toks.slice(i + 2, i + 12).some((t) => FINITE.has(lower(t)))
  const continues =
    toks[i + 1]?.text === ',' &&
    isWordToken(next) &&
    !PARTICIPLE_CUES.has(lower(next)) &&
    !NOT_CONTINUATIONS.has(lower(next)) &&
    (!/ing$/.test(lower(next)) || finiteAhead) &&
    (!['and', 'but'].includes(lower(next)) || finiteAhead || OPEN_MARKS.has(toks[i + 3]?.text ?? ''))
  const after = continues ? contentTo(body, v, i + 2, clauseEnd(toks, i + 2), 3) : null
  const introOnly = INTRO_WORDS.has(toks[0]!.text)
  if (after && introOnly)
    return { content: after, speaker: span(toks, sp), ...cue, via: null, pattern: 'parenthetical', confidence: 0.75, sentence: v.index }
  // "Asked to describe the device, O'Neill said, “Not going to go into that.”"
  if (introOnly && toks[i + 1]?.text === ',' && OPEN_MARKS.has(next?.text ?? '')) {
    const quoted = contentTo(body, v, i + 2, toks.length, 1)
    if (quoted)
      return { content: quoted, speaker: span(toks, sp), ...cue, via: null, pattern: 'trailing', confidence: 0.85, sentence: v.index }
  }
  const content = contentTo(body, v, 0, end + (CLOSE_MARKS.has(toks[end]?.text ?? '') ? 1 : 0), after ? 1 : 3)
  if (!content) return null
  // "For his part, Bush tweeted …", "With 214 delegates at stake, Clinton assured …": an
  // introductory phrase without a verb of its own is circumstance, not what was said
  if (!after && isIntroductoryPhrase(toks.slice(0, end))) return null
  if (after)
    return extendQuote(
      { content, speaker: span(toks, sp), ...cue, via: null, pattern: 'parenthetical', confidence: 0.75, sentence: v.index },
      after,
    )
  // a quote split by its attribution: '"Part one," X said, "part two."'
  const quote: QuoteCandidate = {
    content,
    speaker: span(toks, sp),
    ...cue,
    via: null,
    pattern: 'trailing',
    confidence: 0.85,
    sentence: v.index,
  }
  const comma = toks.findIndex((t, k) => k > i && k <= i + 8 && t.text === ',')
  if (
    comma > 0 &&
    OPEN_MARKS.has(toks[comma + 1]?.text ?? '') &&
    toks.slice(i + 1, comma).every((t) => isWordToken(t) || t.text === '’s' || t.text === "'s")
  ) {
    const rest = contentTo(body, v, comma + 1, toks.length)
    if (rest) return extendQuote(quote, rest)
  }
  return quote
})

export const trailingInverted: QuotePattern<'trailing-inverted'> = {
  name: 'trailing-inverted',
  describe: '"CONTENT, said X." with a name or a determined noun phrase after the verb (plain reporting verbs only)',
  find: ({ body, v }, i) => ofPattern(trailingAt(body, v, i), 'trailing-inverted'),
  examples: {
    positive: [
      {
        text: 'The vote was a disgrace, said Senator Mark Holt.',
        expect: { content: 'The vote was a disgrace', speaker: 'Senator Mark Holt', cue: 'said' },
      },
      {
        text: '“We will appeal the ruling,” said the company’s chief executive.',
        expect: { content: 'We will appeal the ruling', speaker: 'the company’s chief executive', cue: 'said' },
      },
      {
        text: '“The numbers do not add up,” said Mr. Okafor of the Budget Institute.',
        expect: { content: 'The numbers do not add up', speaker: 'Mr. Okafor', cue: 'said' },
      },
      {
        text: '“We expected a closer race,” said aide Maria Lindqvist.',
        expect: { content: 'We expected a closer race', speaker: 'aide Maria Lindqvist', cue: 'said' },
      },
      {
        // a role noun among the lower-case words before the name, without a quotation
        text: 'The plan would fail, said lead author Jo Bloggs.',
        expect: { content: 'The plan would fail', speaker: 'lead author Jo Bloggs', cue: 'said' },
      },
    ],
    negative: [
      'Prices rose again in May, said officials in a statement.',
      'Prices rose again in May, said aide reports of the firm.',
      // a name and its apposition before "said the …" are a speaker, not what was said
      'Jo Lee, a delegate from Houston, Texas, said the turmoil at the convention was part of the show.',
    ],
  },
}

export const parenthetical: QuotePattern<'parenthetical'> = {
  name: 'parenthetical',
  describe: '"The plan, X said, would fail.": an attribution inside the clause, content on both sides',
  find: ({ body, v }, i) => ofPattern(trailingAt(body, v, i), 'parenthetical'),
  examples: {
    positive: [
      {
        text: 'The plan, Kowalski said, would cost far more than expected.',
        expect: { content: 'The plan, Kowalski said, would cost far more than expected', speaker: 'Kowalski', cue: 'said' },
      },
      {
        text: 'During his years in office, Mr. Obama said, a majority of voters backed the reforms.',
        expect: { content: 'a majority of voters backed the reforms', speaker: 'Mr. Obama', cue: 'said' },
      },
      {
        // an inverted attribution inside the clause
        text: 'The idea, says the company, is to shape a new model for the arts.',
        expect: { content: 'The idea, says the company, is to shape a new model for the arts', speaker: 'the company', cue: 'says' },
      },
      {
        text: 'But, says Nick Donofrio, a vice-president at IBM, it was not the thing itself that improved lives.',
        expect: { content: 'it was not the thing itself that improved lives', speaker: 'Nick Donofrio', cue: 'says' },
      },
      {
        // a collective noun before "of" heads the speaker
        text: 'Pivoting to cuts too soon, a wide array of economists say, slowed the recovery.',
        expect: {
          content: 'Pivoting to cuts too soon, a wide array of economists say, slowed the recovery',
          speaker: 'a wide array of economists',
          cue: 'say',
        },
      },
    ],
    negative: ['The plan, she said, laughing.', 'We are in a new phase, argues Mr Lee, the firm’s head of research.'],
  },
}

export const trailing: QuotePattern<'trailing'> = {
  name: 'trailing',
  describe: '"CONTENT, X said [Wednesday]." (and "“A,” X said, “B.”"): the attribution closes the sentence',
  find: ({ body, v }, i) => ofPattern(trailingAt(body, v, i), 'trailing'),
  examples: {
    positive: [
      {
        text: 'The company will cut 200 jobs, the spokesman said on Tuesday.',
        expect: { content: 'The company will cut 200 jobs', speaker: 'the spokesman', cue: 'said' },
      },
      {
        text: '“We are not going anywhere,” Mayor Linda Park said.',
        expect: { content: 'We are not going anywhere', speaker: 'Mayor Linda Park', cue: 'said' },
      },
      {
        text: '“I never expected to see him here,” Ms. Ortega said with a laugh.',
        expect: { content: 'I never expected to see him here', speaker: 'Ms. Ortega', cue: 'said' },
      },
      {
        text: "''The bridge has to close,'' Mr. Haldane said by telephone.",
        expect: { content: 'The bridge has to close', speaker: 'Mr. Haldane', cue: 'said' },
      },
      {
        // an unnamed source named by what follows the head
        text: 'The talks will resume next week, a person familiar with the negotiations said.',
        expect: { content: 'The talks will resume next week', speaker: 'a person familiar with the negotiations', cue: 'said' },
      },
      {
        // any past-tense verb ending the sentence right after a closed quotation is a manner of saying
        text: '“So the wall is negotiable?” Dana Hale pressed.',
        expect: { content: 'So the wall is negotiable?', speaker: 'Dana Hale', cue: 'pressed' },
      },
    ],
    negative: [
      'In the end, the mayor said nothing.',
      '“It is over.” The council voted.',
      // "that" after the time and place phrase makes the attribution a leading one
      'Courted by every candidate, Mr. Adams said on Friday during a news conference that he may wait.',
      '“It is over,” Dana Hale mentioned to the committee.',
      'The fund grew, Ms. Ortega said with confidence that rates would fall.',
      // an introductory phrase is circumstance, not speech
      'On top of that, the mayor said on Monday.',
      'With 214 delegates at stake, Clinton assured supporters in Ohio.',
    ],
  },
}
