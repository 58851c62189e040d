import { describe, expect, it } from 'vitest'
import { extract } from '../../src/extraction/pipeline.js'
import { findQuotations } from '../../src/extraction/stages/link-quotations.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'

const quotes = (body: string) => extract({ title: '', body }).quotes.map((q) => [q.speaker.name, q.cue, q.content])

describe('findQuotations', () => {
  it("pairs marks in a paragraph, reads '' as a mark, and runs a quote over paragraphs", () => {
    const body = "He said ''it works,'' and left.\n“First paragraph of a long quote.\n“And the second one,” she said."
    expect(findQuotations(body, splitSentences(body)).map((s) => body.slice(s.start, s.end))).toEqual([
      'it works,',
      'First paragraph of a long quote.\n“And the second one,',
    ])
  })
  it('starts a new quotation at a straight mark that opens a sentence inside an unclosed one (paragraphs joined)', () => {
    const body = '"We will win," he said. "The fans are ready. "The team is ready too." The club was sold in May. "It is over," she said.'
    expect(findQuotations(body, splitSentences(body)).map((s) => body.slice(s.start, s.end))).toEqual([
      'We will win,',
      'The fans are ready. ',
      'The team is ready too.',
      'It is over,',
    ])
  })
})

describe('linkQuotations through extract()', () => {
  it('continues an attributed quote with the passage right after its attribution', () => {
    const body = '“The plan is dead,” said Caddell. “Nobody wants it. Nobody.”'
    expect(quotes(body)).toEqual([['Caddell', 'said', 'The plan is dead,” said Caddell. “Nobody wants it. Nobody']])
    const [q] = extract({ title: '', body }).quotes
    expect(q!.parts.map((p) => body.slice(p.start, p.end))).toEqual(['The plan is dead', 'Nobody wants it. Nobody'])
  })
  it('runs a quote that opens a quoted passage to the end of the passage, over its sentences', () => {
    const body = 'The mayor added: "I do not think he will. Stability is the key word."'
    expect(quotes(body)).toEqual([['The mayor', 'added', 'I do not think he will. Stability is the key word']])
  })
  it('splits a quote over joined paragraphs into one part per quoted passage', () => {
    const body = 'City boss Tom Harris said: "We had a great chance early on. "We started well but faded after the break."'
    const [q, ...rest] = extract({ title: '', body }).quotes
    expect(rest).toEqual([])
    expect(q!.parts.map((p) => body.slice(p.start, p.end))).toEqual([
      'We had a great chance early on',
      'We started well but faded after the break',
    ])
  })
  it('runs an attributed quote on over the following paragraphs that are wholly quotations, one part each', () => {
    const body =
      '“The report sheds light on lax security,” said Lamar Okoro, who chairs the committee.\n“Evading oversight is a serious offense.”\n\n“We will hold hearings.”\nThe agency did not comment.\n“It was a mistake.”'
    const [q, ...rest] = extract({ title: '', body }).quotes
    expect(q!.speaker.name).toBe('Lamar Okoro')
    expect(q!.parts.map((p) => body.slice(p.start, p.end))).toEqual([
      'The report sheds light on lax security',
      'Evading oversight is a serious offense',
      'We will hold hearings',
    ])
    // after a narrative paragraph, a quotation is a quote of its own (for the running speaker)
    expect(rest.map((r) => [r.speaker.name, r.cue, r.content])).toEqual([['Lamar Okoro', 'quotation', 'It was a mistake']])
  })
  it('gives a quotation with no attribution to the person the sentence before it introduces', () => {
    expect(
      quotes('“Rubio has failed,” said Craig Ruiz. Iowa State University’s Dianne Bystrom agreed. “Time is running out for the party.”'),
    ).toEqual([
      ['Craig Ruiz', 'said', 'Rubio has failed'],
      ['Dianne Bystrom', 'quotation', 'Time is running out for the party'],
    ])
    // not when the person is no subject (after a preposition), nor across a paragraph
    expect(quotes('“Rubio has failed,” said Craig Ruiz. After Dianne Bystrom spoke, the room emptied. “Time is running out.”')[1]).toEqual([
      'Craig Ruiz',
      'quotation',
      'Time is running out',
    ])
    expect(quotes('“Rubio has failed,” said Craig Ruiz. Dianne Bystrom arrived late.\n\n“Time is running out for the party.”')[1]).toEqual([
      'Craig Ruiz',
      'quotation',
      'Time is running out for the party',
    ])
  })
  it('ends a quote where a second report joined by a conjunction begins, and keeps speech reported inside it nested', () => {
    expect(quotes('Beck said he would not expect a close race, but he said Trump could win the east of the state.')).toEqual([
      ['Beck', 'said', 'he would not expect a close race'],
      ['Beck', 'said', 'Trump could win the east of the state'],
    ])
    expect(
      quotes('Rivals followed his lead, saying the scandal is fair game, though Mrs. Fiorina said she doubted voters would care.'),
    ).toEqual([
      ['Rivals', 'saying', 'the scandal is fair game'],
      ['Fiorina', 'said', 'she doubted voters would care'],
    ])
    // the same subject's second reporting verb
    expect(quotes('The mayor says she respects the council but argues that it cannot deliver on its promises.')).toEqual([
      ['The mayor', 'says', 'she respects the council'],
      ['The mayor', 'argues', 'it cannot deliver on its promises'],
    ])
    expect(quotes('Smith said the plan would fail and that Jones said it was fine.')).toEqual([
      ['Smith', 'said', 'the plan would fail and that Jones said it was fine'],
      ['Jones', 'said', 'it was fine'],
    ])
  })
  it('names a relative speaker by the noun phrase before it when no person is there', () => {
    const [q] = extract({
      title: '',
      body: 'Her remarks echoed some far-right commentators who have suggested that the senator is a pragmatist.',
    }).quotes
    expect([q!.speaker.text, q!.speaker.name, q!.speaker.type, q!.content]).toEqual([
      'who',
      'some far-right commentators',
      'group',
      'the senator is a pragmatist',
    ])
  })
  it('keeps another attribution between two quoted passages apart, and reads its pronoun as the person just named', () => {
    const body =
      'Ms Olsen said: "This is a good deal for local councils. It is now a matter for council leaders." The opposition spokesman Dafydd Rees called the deal "hugely disappointing". He said: "Wales has been short changed yet again."'
    const got = extract({ title: '', body }).quotes.map((q) => [q.speaker.name, q.content])
    expect(got).toContainEqual(['Olsen', 'This is a good deal for local councils. It is now a matter for council leaders'])
    expect(got).toContainEqual(['Dafydd Rees', 'Wales has been short changed yet again'])
  })
  it('does not continue a quote with a title the attribution names', () => {
    const body = '“I wish him well,” Mr. Lane told the hosts of “Morning Show,” adding that his son knew the family.'
    expect(quotes(body)).toEqual([
      ['Lane', 'told', 'I wish him well'],
      ['Lane', 'adding', 'his son knew the family'],
    ])
  })
  it('keeps a stand-alone quoted sentence for the running speaker and drops scare quotes', () => {
    const q = quotes(
      'Costs will rise, Mayor Helen Carter said.\n“We have no other choice here.”\nCritics called the plan “a total disaster” on Monday.',
    )
    expect(q).toEqual([
      ['Helen Carter', 'said', 'Costs will rise'],
      ['Helen Carter', 'quotation', 'We have no other choice here'],
    ])
  })
  it('reads transcripts, participle clauses and "told X that"', () => {
    expect(quotes('PENCE: Well, look, this is serious business.')).toEqual([['PENCE', ':', 'Well, look, this is serious business']])
    expect(quotes('Rival Hillary Clinton had mocked the complaint, saying anybody who complains is not having a good night.')).toEqual([
      ['Hillary Clinton', 'saying', 'anybody who complains is not having a good night'],
    ])
    expect(quotes('In Honolulu, he told a meeting of Pacific Island leaders that few people understood the stakes.')[0]).toEqual([
      'he',
      'told',
      'few people understood the stakes',
    ])
  })
})

describe('first-person sentences in a text without quotation marks', () => {
  it('belong to the running speaker, continuing a quote whose words they follow', () => {
    expect(
      quotes(
        'Mayor Helen Carter said the plan would fail. We cannot pay for it.\nThe council meets in May and our city deserves better.\nThe vote is on Friday.\nWe will be there.',
      ),
    ).toEqual([
      ['Helen Carter', 'said', 'the plan would fail. We cannot pay for it'],
      ['Helen Carter', 'quotation', 'The council meets in May and our city deserves better'],
    ])
  })
  it('are the writer’s own in a column written in the first person', () => {
    const column =
      'I have covered this council for years. We all know how it works.\nThe mayor said the plan would fail. I doubt it.\n' +
      'My view is simple. Our city can afford it.\nThe vote is on Friday. I will be there, and so will my neighbours.\nWe shall see.'
    expect(quotes(column)).toEqual([['The mayor', 'said', 'the plan would fail']])
  })
  it('are the writer’s own where the text uses quotation marks', () => {
    expect(quotes('“It will fail,” Mayor Helen Carter said.\nWe asked the council about it on Monday.')).toEqual([
      ['Helen Carter', 'said', 'It will fail'],
    ])
  })
})

describe('paragraphs without quotation marks', () => {
  it('give a paragraph that ends in an attribution to its speaker, and carry the quote on after it as a second part', () => {
    const body =
      'The council met on Monday.\nThis is in their heads. This is in their consciousness, said Caddell. It is one of the things worrying them.\nThe vote is on Friday.'
    const [q, ...rest] = extract({ title: '', body }).quotes
    expect(rest).toEqual([])
    expect(q!.speaker.name).toBe('Caddell')
    expect(q!.parts.map((p) => body.slice(p.start, p.end))).toEqual([
      'This is in their heads. This is in their consciousness',
      'It is one of the things worrying them',
    ])
    expect(q!.content).toBe(body.slice(q!.parts[0]!.start, q!.parts[1]!.end))
  })
})

describe('more attribution patterns', () => {
  it.each([
    ['Clinton is stressing that her plans will help families.', ['Clinton', 'stressing', 'her plans will help families']],
    ['Trump urges supporters to monitor polling places.', ['Trump', 'urges', 'supporters to monitor polling places']],
    ['The businessman says of Clinton, “She will sell the office.”', ['businessman', 'says', 'She will sell the office']],
    ['Reporters checked Donald Trump’s claim that shootings doubled this year.', ['Donald Trump', 'claim', 'shootings doubled this year']],
  ])('%s', (body, expected) => {
    expect(quotes(body)[0]).toEqual(expected)
  })
})

describe('attributions found in news writing', () => {
  it.each([
    ['Said Ellis: “I don’t get the sense she cares about reform.”', ['Ellis', 'said', 'I don’t get the sense she cares about reform']],
    ['The meeting went badly, said one GOP source in the room.', ['one GOP source', 'said', 'The meeting went badly']],
    [
      'The museum, Mr. Obama said, would make visitors face hard truths.',
      ['Obama', 'said', 'The museum, Mr. Obama said, would make visitors face hard truths'],
    ],
    ['As improbable as it may seem, Mr. Clarke said the deal had helped him.', ['Clarke', 'said', 'the deal had helped him']],
    [
      'The minister of the economy, Mr. Guajardo, argues there is little point in responding.',
      ['Guajardo', 'argues', 'there is little point in responding'],
    ],
    [
      'Merrill says Machado will keep campaigning and said she would stand up to the attacks.',
      ['Merrill', 'says', 'Machado will keep campaigning'],
    ],
    ['He paid an architect who said he was stiffed after the work.', ['an architect', 'said', 'he was stiffed after the work']],
    ['”Fear. I am truly afraid of what comes next.” ― Edwin Monroy', ['Edwin Monroy', '―', 'Fear. I am truly afraid of what comes next']],
  ])('%s', (body, expected) => {
    expect(quotes(body)[0]).toEqual(expected)
  })
})

describe('attributions with an audience', () => {
  it.each([
    [
      'Trump could embrace clean energy, Sen. Lindsey Graham told The Huffington Post on Thursday.',
      ['Lindsey Graham', 'told', 'Trump could embrace clean energy'],
    ],
    [
      'Trump told the forum he was “totally against the war in Iraq” then.',
      ['Trump', 'told', 'he was “totally against the war in Iraq” then'],
    ],
    [
      'Dean then appeared on MSNBC and began by saying he would never diagnose anyone.',
      ['Dean', 'by saying', 'he would never diagnose anyone'],
    ],
  ])('%s', (body, expected) => {
    expect(quotes(body)[0]).toEqual(expected)
  })
})

describe('questions and sources', () => {
  it.each([
    [
      'Maria Bartiromo asked, “Do you think the director would indict them?”',
      ['Maria Bartiromo', 'asked', 'Do you think the director would indict them?'],
    ],
    [
      'The Huffington Post’s Scott Conroy asked Sanders whether questions about his health were fair game.',
      ['Scott Conroy', 'asked', 'whether questions about his health were fair game'],
    ],
    [
      'Rubio was asked by moderator Gerard Baker whether his plan would cost too much.',
      ['Gerard Baker', 'asked', 'whether his plan would cost too much'],
    ],
    [
      'Clinton leads Sanders by 271 pledged delegates according to a count by The Associated Press.',
      ['a count', 'according to', 'Clinton leads Sanders by 271 pledged delegates'],
    ],
    [
      'He crossed the border after, according to him, the network censured his first report.',
      ['him', 'according to', 'He crossed the border after, according to him, the network censured his first report'],
    ],
  ])('%s', (body, expected) => {
    expect(quotes(body)[0]).toEqual(expected)
  })
})

describe('a quoted question or exclamation signed by a bare attribution clause', () => {
  const texts = (body: string) => splitSentences(body).map((s) => s.text)
  it('keeps “…?” X said. in one sentence and attributes the quote', () => {
    expect(texts('“Is the bridge safe for children?” Dana Whitfield asked at the hearing. “Nobody knows.”')).toEqual([
      '“Is the bridge safe for children?” Dana Whitfield asked at the hearing.',
      '“Nobody knows.”',
    ])
    expect(quotes('Officials met on Monday.\n“We will never give this park away!” the council leader said.')).toEqual([
      ['council leader', 'said', 'We will never give this park away!'],
    ])
  })
  it('still splits before a sentence that goes on after its verb or has none', () => {
    expect(texts('“We will win.” Ann Ortiz said the party would fight on.')).toEqual([
      '“We will win.”',
      'Ann Ortiz said the party would fight on.',
    ])
    expect(texts('“Is it over?” The Senate voted on Friday.')).toEqual(['“Is it over?”', 'The Senate voted on Friday.'])
  })
  it('reads any past-tense verb that ends such a clause as the manner of saying', () => {
    expect(texts('“Would it be negotiable?” Dana Hale pressed. “Maybe.”')).toEqual([
      '“Would it be negotiable?” Dana Hale pressed.',
      '“Maybe.”',
    ])
    expect(quotes('“Would it be negotiable?” Dana Hale pressed.')).toEqual([['Dana Hale', 'pressed', 'Would it be negotiable?']])
  })
})

describe("a quotation closing on a nested one with ''' (a closing ' then '')", () => {
  it('still reads the attribution after it', () => {
    expect(quotes("''Voters keep telling us, 'Fix the roads,''' Ms. Adebayo said.")).toEqual([
      ['Adebayo', 'said', "Voters keep telling us, 'Fix the roads,'"],
    ])
  })
  it("leaves a plain '' pair alone", () => {
    expect(quotes("''Fix the roads first,'' Ms. Adebayo said.")).toEqual([['Adebayo', 'said', 'Fix the roads first']])
  })
})
