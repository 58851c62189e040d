import { describe, expect, it } from 'vitest'
import { attributeSpeakers, classifySpeaker, quoteKind } from '../../src/extraction/stages/attribute-speakers.js'
import { findPersonNames } from '../../src/extraction/stages/find-people.js'
import { findQuotes, nameHead, speakerBefore } from '../../src/extraction/stages/find-quotes.js'
import { descriptionReferent, resolvePeople, specificTitles } from '../../src/extraction/stages/resolve-people.js'
import { extract } from '../../src/extraction/pipeline.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'
import { tokenize } from '../../src/extraction/stages/tokenize.js'

const analyse = (body: string) => {
  const sentences = splitSentences(body)
  const tokens = tokenize(sentences)
  return { sentences, tokens }
}
const quotesOf = (body: string) => {
  const { sentences, tokens } = analyse(body)
  return findQuotes(body, sentences, tokens).map((q) => ({
    content: body.slice(q.content.start, q.content.end),
    speaker: q.speaker && body.slice(q.speaker.start, q.speaker.end),
    cue: q.cue,
    via: q.via,
  }))
}

describe('splitSentences', () => {
  it('does not split after abbreviations, initials or a given name followed by a surname', () => {
    const body = 'Mr. Smith met Gen. Jones in the U.S. capital. John F. Kennedy was there. The leader Alexei. Navalny. was jailed.'
    expect(splitSentences(body).map((s) => s.text)).toEqual([
      'Mr. Smith met Gen. Jones in the U.S. capital.',
      'John F. Kennedy was there.',
      'The leader Alexei. Navalny. was jailed.',
    ])
  })
  it('keeps a multi-sentence quotation with its attribution', () => {
    const body = '"We won. It was hard," she said. Then she left.'
    expect(splitSentences(body).map((s) => s.text)).toEqual(['"We won. It was hard," she said.', 'Then she left.'])
  })
  it('skips the dateline of the first paragraph and keeps offsets into the body', () => {
    const body = 'MOSCOW (AP) Putin spoke.\nHe left.'
    const s = splitSentences(body)
    expect(s.map((x) => [x.text, body.slice(x.start, x.end), x.paragraph])).toEqual([
      ['Putin spoke.', 'Putin spoke.', 0],
      ['He left.', 'He left.', 1],
    ])
  })
  it('does not start a sentence at a stray comma', () => {
    expect(splitSentences('They respect interests. , the border stays.')).toHaveLength(1)
  })
})

describe('tokenize', () => {
  it('separates the possessive and keeps abbreviations and hyphenated words', () => {
    const { tokens } = analyse('Putin’s aide met Mr. Lee in the U.S. on co-operation.')
    expect(tokens.map((t) => t.text)).toEqual(['Putin', '’s', 'aide', 'met', 'Mr.', 'Lee', 'in', 'the', 'U.S.', 'on', 'co-operation', '.'])
  })
})

describe('findPersonNames', () => {
  const names = (body: string) => findPersonNames(analyse(body).tokens).map((c) => [c.name, c.title])
  it('splits capitalised titles from the name', () => {
    expect(names('He met Russian Deputy Foreign Minister Sergei Ryabkov and Chinese President Xi Jinping.')).toEqual([
      ['Sergei Ryabkov', 'Russian Deputy Foreign Minister'],
      ['Xi Jinping', 'Chinese President'],
    ])
  })
  it('keeps long titles with connectors, and lowercase role phrases', () => {
    expect(names('It went to Assistant Secretary of State for European and Eurasian Affairs Karen Donfried.')).toEqual([
      ['Karen Donfried', 'Assistant Secretary of State for European and Eurasian Affairs'],
    ])
    expect(names('Putin’s foreign affairs adviser Yuri Ushakov spoke.')).toEqual([['Yuri Ushakov', 'foreign affairs adviser']])
  })
  it('repairs a name broken by stray periods', () => {
    expect(names('the imprisonment of opposition leader Alexei. Navalny.')).toEqual([['Alexei Navalny', 'opposition leader']])
  })
  it('never reports organisations, places or events as people', () => {
    expect(names('The Kremlin, NATO and the Foreign Ministry spoke of the Winter Olympics, the Cold War and Hong Kong.')).toEqual([])
  })
  it('takes a given name that opens a name for a person even when it also heads bills and banks', () => {
    expect(names('Microsoft chairman Bill Gates spoke.').map(([name]) => name)).toEqual(['Bill Gates'])
    expect(names('Grace Kelly starred in the film.').map(([name]) => name)).toEqual(['Grace Kelly'])
    expect(names('The Finance Bill and the Education Bill were passed.')).toEqual([])
  })
  it('reads initials as part of the name they open', () => {
    expect(names('Former president P.W. Botha could be called, and so could the U.S. envoy.')).toEqual([['P.W. Botha', 'Former president']])
  })
  it('never takes the teams of a score line for people, whatever the tagger says', () => {
    const tagged = (body: string, ...per: [number, number][]) => {
      const { tokens } = analyse(body)
      return findPersonNames(
        tokens,
        per.map(([from, to]) => ({ type: 'PER', from, to })),
      ).map((c) => c.name)
    }
    expect(tagged('Ajax 2 PSV 1', [0, 1], [2, 3])).toEqual([])
    expect(tagged('Levski Sofia (Bulgaria) 1 Olimpija (Slovenia) 0', [0, 2], [6, 7])).toEqual([])
    // a golfer's card and a ranked result are no score lines
    expect(tagged('Colin Montgomerie 70 68', [0, 2])).toEqual(['Colin Montgomerie'])
    expect(tagged('1. Michael Johnson (U.S.) 19.32', [2, 4])).toEqual(['Michael Johnson'])
  })
  it('leaves the date out of a tagged name ("Allensbach May 15")', () => {
    const { tokens } = analyse('Forsa June 6 39.0 36.0')
    expect(findPersonNames(tokens, [{ type: 'PER', from: 0, to: 2 }]).map((c) => c.name)).toEqual(['Forsa'])
  })
})

describe('resolvePeople', () => {
  it('merges surnames and titled short forms into the full name and resolves descriptions', () => {
    const body = 'Russian President Vladimir Putin spoke. Putin left. President Putin returned. Then the Russian leader said so.'
    const { tokens } = analyse(body)
    const people = resolvePeople(body, tokens, findPersonNames(tokens))
    expect(people).toHaveLength(1)
    expect(people[0]).toMatchObject({ name: 'Vladimir Putin', titles: ['Russian President'] })
    expect(people[0]!.aliases).toEqual(expect.arrayContaining(['Putin', 'President Putin', 'the Russian leader']))
    expect(people[0]!.mentions.map((m) => m.kind)).toEqual(['name', 'alias', 'alias', 'description'])
  })
  it('keeps two people who share a surname apart and leaves the bare surname unresolved', () => {
    const body = 'Senator John Adams met Governor Mary Adams. Adams said no.'
    const { tokens } = analyse(body)
    const people = resolvePeople(body, tokens, findPersonNames(tokens))
    expect(people.map((p) => [p.name, p.mentions.length])).toEqual([
      ['John Adams', 1],
      ['Mary Adams', 1],
    ])
  })
  it('prefers specific titles and resolves a description only when one person fits', () => {
    expect(specificTitles(['President', 'Russian President', 'President'])).toEqual(['Russian President'])
    expect(
      descriptionReferent('Russian', 'leader', [['Chinese President'], ['Russian President'], ['Russian Deputy Foreign Minister']]),
    ).toBe(1)
    expect(descriptionReferent('', 'president', [['Chinese President'], ['Russian President']])).toBeNull()
  })
})

describe('findQuotes', () => {
  it('finds reported speech without quotation marks, speaker after the content', () => {
    expect(quotesOf('NATO must not expand, Putin’s foreign affairs adviser Yuri Ushakov said.')).toEqual([
      { content: 'NATO must not expand', speaker: 'Putin’s foreign affairs adviser Yuri Ushakov', cue: 'said', via: null },
    ])
  })
  it('finds "said X", "X said that", "according to X" and trailing time phrases', () => {
    expect(quotesOf('The plan will work, said Professor Ana Lima.')[0]).toMatchObject({
      content: 'The plan will work',
      speaker: 'Professor Ana Lima',
    })
    expect(quotesOf('Xi said, through an interpreter, that he appreciated the support.')[0]).toMatchObject({
      content: 'he appreciated the support',
      speaker: 'Xi',
    })
    expect(quotesOf('According to Ushakov, the leader stressed the need for talks.')[0]).toMatchObject({
      content: 'the leader stressed the need for talks',
      speaker: 'Ushakov',
      cue: 'according to',
    })
    expect(quotesOf('Xi backed Putin in his bid, the Kremlin said Wednesday after the summit.')[0]).toMatchObject({
      content: 'Xi backed Putin in his bid',
      speaker: 'the Kremlin',
    })
  })
  it('stores relayed speech as the inner speaker via the relaying source', () => {
    expect(quotesOf('Forces are interfering in our affairs, CCTV quotes Xi as saying.')).toEqual([
      { content: 'Forces are interfering in our affairs', speaker: 'Xi', cue: 'quotes ... as saying', via: 'CCTV' },
    ])
    expect(quotesOf('Both sides need to work together, Xi was quoted as saying by CCTV.')[0]).toMatchObject({
      speaker: 'Xi',
      via: 'CCTV',
      cue: 'was quoted as saying',
    })
    expect(quotesOf('Chinese state broadcaster CCTV reported that Xi said both countries should act.')).toEqual([
      { content: 'both countries should act', speaker: 'Xi', cue: 'said', via: 'CCTV' },
    ])
  })
  it('keeps the outer and the inner attribution of nested speech', () => {
    const q = quotesOf('Xi responded by saying that he understands the concerns, Ushakov said.')
    expect(q.map((x) => [x.speaker, x.content])).toEqual([
      ['Ushakov', 'Xi responded by saying that he understands the concerns'],
      ['Xi', 'he understands the concerns'],
    ])
  })
  it('reads "issued a statement saying", "with X saying" and noun-phrase contents', () => {
    expect(quotesOf('The ministry issued a statement saying talks would resume soon.')[0]).toMatchObject({
      speaker: 'The ministry',
      cue: 'issued a statement saying',
    })
    expect(quotesOf('They met on Monday, with the leader saying relations are strong.')[0]).toMatchObject({
      speaker: 'the leader',
      cue: 'saying',
      content: 'relations are strong',
    })
    expect(quotesOf('Moscow has denied plans to invade Ukraine and has blamed Kyiv.')[0]).toMatchObject({
      speaker: 'Moscow',
      content: 'plans to invade Ukraine',
    })
  })
  it('handles quotation marks, including a quote split by its attribution', () => {
    expect(quotesOf('“We will keep fighting for them,” Okafor told reporters.')[0]).toMatchObject({
      content: 'We will keep fighting for them',
      speaker: 'Okafor',
    })
    expect(quotesOf('"The first part is done," she said, "and the rest will follow."')[0]).toMatchObject({
      content: 'The first part is done," she said, "and the rest will follow',
      speaker: 'she',
    })
  })
  it('does not take "told X about" or "said on Monday." as speech content', () => {
    expect(quotesOf('He told Xi about growing threats to the country.')).toEqual([])
    expect(quotesOf('The mayor said on Monday.')).toEqual([])
  })
  it('lists speakers as written, including groups', () => {
    const { tokens } = analyse('The US, Canada, Australia and Britain have said they will not go.')
    const said = tokens.findIndex((t) => t.text === 'said')
    const sp = speakerBefore(tokens, said)!
    expect(
      tokens
        .slice(sp.from, sp.to)
        .map((t) => t.text)
        .join(' '),
    ).toBe('The US , Canada , Australia and Britain')
    expect(nameHead('Chinese state broadcaster CCTV')).toBe('CCTV')
    expect(nameHead('China’s Foreign Ministry')).toBe('China’s Foreign Ministry')
  })
})

describe('attributeSpeakers', () => {
  const run = (body: string) => {
    const { sentences, tokens } = analyse(body)
    const people = resolvePeople(body, tokens, findPersonNames(tokens))
    return attributeSpeakers({ body, people, sentences }, findQuotes(body, sentences, tokens))
  }
  it('resolves a pronoun to the running speaker and types organisations and groups', () => {
    const q = run(
      'Costs will rise, Mayor Helen Carter said. She said the city would borrow money. Russian officials have claimed that prices will fall. The company said profits doubled.',
    )
    expect(q.map((x) => [x.speaker.name, x.speaker.type, x.speaker.text])).toEqual([
      ['Helen Carter', 'person', 'Mayor Helen Carter'],
      ['Helen Carter', 'person', 'She'],
      ['Russian officials', 'group', 'Russian officials'],
      ['company', 'organization', 'The company'],
    ])
    expect(q[1]!.confidence).toBeLessThan(q[0]!.confidence)
  })
  it('takes the name after a role noun, not the club or firm before it, as the speaker', () => {
    const speakers = (body: string) => run(body).map((x) => x.speaker.name)
    expect(speakers('Chelsea boss Jose Mourinho said they would win.')).toEqual(['Jose Mourinho'])
    expect(speakers('Microsoft chief Bill Gates said the software would ship.')).toEqual(['Bill Gates'])
    // a name with no role noun and name after it is the speaker itself
    expect(speakers('Chancellor Gordon Brown said the economy was strong.')).toEqual(['Gordon Brown'])
    expect(speakers('Vladimir Putin, the Russian leader, said the talks were useful.')).toEqual(['Vladimir Putin'])
  })
  it('classifies speaker phrases and quote kinds', () => {
    expect(classifySpeaker('the Kremlin')).toBe('organization')
    expect(classifySpeaker('Other countries')).toBe('group')
    expect(classifySpeaker('The US, Canada and Britain')).toBe('group')
    const body = 'He said "all of it" and that “some” was left.'
    expect(quoteKind(body, { start: 9, end: 18 })).toBe('direct')
    expect(quoteKind(body, { start: 8, end: 44 })).toBe('mixed')
    expect(quoteKind(body, { start: 0, end: 7 })).toBe('indirect')
  })
})

describe('British house style', () => {
  it('reads "Mr Blair" as Tony Blair, the honorific kept as an alias and not as a title', () => {
    const body = 'Prime Minister Tony Blair spoke on Monday. Mr Blair said the plan would work.'
    const { tokens } = analyse(body)
    const [blair, ...others] = resolvePeople(body, tokens, findPersonNames(tokens))
    expect(others).toEqual([])
    expect(blair).toMatchObject({ name: 'Tony Blair', titles: ['Prime Minister'] })
    expect(blair!.aliases).toEqual(expect.arrayContaining(['Mr Blair', 'Blair']))
  })
  it('does not take parties or awards for people', () => {
    expect(extract({ title: '', body: 'The Tory leader and the Lib Dems met after the Oscar ceremony.' }).people).toEqual([])
  })
})

describe('uniqueBySpan', () => {
  it('keeps one quote per content span, the surer one', async () => {
    const { uniqueBySpan } = await import('../../src/extraction/pipeline.js')
    const a = { content: { start: 0, end: 10 }, confidence: 0.6, id: 'a' }
    const b = { content: { start: 0, end: 10 }, confidence: 0.8, id: 'b' }
    const c = { content: { start: 12, end: 20 }, confidence: 0.5, id: 'c' }
    expect(uniqueBySpan([a, b, c]).map((q) => q.id)).toEqual(['b', 'c'])
  })
  it('never yields two quotes with the same span for nested speech that fills its outer quote', () => {
    const body = 'No one is saying that only bad things happen there, we are saying that it is worse, Maher said.'
    const spans = extract({ title: '', body }).quotes.map((q) => `${q.start}:${q.end}`)
    expect(new Set(spans).size).toBe(spans.length)
  })
})
