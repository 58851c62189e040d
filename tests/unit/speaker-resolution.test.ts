import { describe, expect, it } from 'vitest'
import { extract, withoutOverlaps } from '../../src/extraction/pipeline.js'
import type { ExtractedQuote } from '../../src/extraction/types.js'
import type { QuoteCandidate } from '../../src/extraction/quotes/types.js'
import { attributeSpeakers } from '../../src/extraction/stages/attribute-speakers.js'
import { findPersonNames } from '../../src/extraction/stages/find-people.js'
import { resolvePeople } from '../../src/extraction/stages/resolve-people.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'
import { tokenize } from '../../src/extraction/stages/tokenize.js'

/** Each quote's speaker as written and the person record it resolved to (or the phrase's name). */
const speakers = (body: string) => {
  const x = extract({ title: '', body })
  return x.quotes.map((q) => [q.speaker.text, q.speaker.person !== null ? x.people[q.speaker.person]!.name : q.speaker.name])
}

describe('pronoun speakers', () => {
  it('go to the person a new sentence introduces, not to the previous speaker', () => {
    const body =
      'Liverpool chief executive Rick Parry said the club would never sell the player. "We will never let him go," Parry added.\n\n' +
      'Steven Gerrard had said before the game he would consider leaving.\n\n' +
      '"I want to win things with Liverpool," he said afterwards.'
    expect(speakers(body).at(-1)).toEqual(['he', 'Steven Gerrard'])
  })
  it('keep the running speaker when no one else is introduced', () => {
    const body = 'Tony Blair said the plan would work. "We will deliver," he said. He added that taxes would not rise.'
    expect(speakers(body).map((s) => s[1])).toEqual(['Tony Blair', 'Tony Blair', 'Tony Blair'])
  })
  it('take the subject of the sentence before, not a person it names as an object', () => {
    const body = 'Tony Blair praised Gordon Brown for the budget. He said the economy was strong.'
    expect(speakers(body)).toEqual([['He', 'Tony Blair']])
  })
  it('read the subject after an introductory phrase', () => {
    const body = 'After the match, Roy Keane accused Patrick Vieira of starting the row. "It was wrong," he said.'
    expect(speakers(body)).toEqual([['he', 'Roy Keane']])
  })
  it('take the subject of the last clause joined by "but"', () => {
    const body =
      'Coach Bernard Laporte has made four changes, but captain Fabien Pelous sees hope on the horizon. "We are getting better," he said.'
    expect(speakers(body)).toEqual([['he', 'Fabien Pelous']])
  })
  it('may take a person named in words the rules only guessed were quoted (no quotation marks)', () => {
    // a content span without marks that ran back over the sentence introducing its speaker
    const body = 'When the idea was floated, Emily Eavis said it was a step. It might really work, she said.'
    const sentences = splitSentences(body)
    const tokens = tokenize(sentences)
    const people = resolvePeople(body, tokens, findPersonNames(tokens))
    const she = body.indexOf('she')
    const swallowing: QuoteCandidate = {
      content: { start: 0, end: body.indexOf(', she') },
      speaker: { start: she, end: she + 3 },
      cue: 'said',
      cueSpan: { start: she + 4, end: she + 8 },
      via: null,
      pattern: 'trailing',
      confidence: 0.8,
      sentence: 1,
    }
    const [quote] = attributeSpeakers({ body, people, sentences }, [swallowing])
    expect(quote!.speaker.name).toBe('Emily Eavis')
  })
  it('never take a person named inside the quote itself', () => {
    const body =
      'Roy Keane accused Patrick Vieira of starting the row.\n\n"If he thinks that Gary Neville is an easy target, I am not having it," he said.'
    expect(speakers(body)).toEqual([['he', 'Roy Keane']])
  })
  it('agree in gender with what the article has called the person', () => {
    const body = 'John Smith met Mary Jones on Tuesday.\n\n"We will go on," she said later.\n\n"We will stay," he told reporters.'
    expect(speakers(body)).toEqual([
      ['she', 'Mary Jones'],
      ['he', 'John Smith'],
    ])
  })
})

describe('speaker phrases', () => {
  it('do not take a capitalised title opening the sentence for a person', () => {
    expect(speakers('Shadow foreign secretary Michael Ancram said the closures were a mistake.')).toEqual([
      ['Shadow foreign secretary Michael Ancram', 'Michael Ancram'],
    ])
    expect(speakers('Treasurer Peter Costello said the economy had been strong.')).toEqual([['Treasurer Peter Costello', 'Peter Costello']])
  })
})

describe('speaker names and types', () => {
  it('cut an apposition or relative clause from the speaker and keep the name', () => {
    expect(speakers('Mike German, leader of the Liberal Democrats in the assembly, said homes faced rises.')).toEqual([
      ['Mike German, leader of the Liberal Democrats in the assembly', 'Mike German'],
    ])
    expect(speakers('Heineken, which also owns the Amstel brand, said it would cut costs.')[0]![1]).toBe('Heineken')
  })
  it('join an honorific and surname to the person of that surname', () => {
    const body = 'Mike Lake, a spokesman for the lawyers, said the ruling was unlawful. Mr Lake said: "We will appeal."'
    expect(speakers(body).map((s) => s[1])).toEqual(['Mike Lake', 'Mike Lake'])
  })
  it('type honorific names as people and capitalised institutions as organisations', () => {
    const x = extract({
      title: '',
      body: 'The Scottish Executive said the rules would change. Investment bank Merrill Lynch said it was cautious.',
    })
    expect(x.quotes.map((q) => [q.speaker.type, q.speaker.name])).toEqual([
      ['organization', 'Scottish Executive'],
      ['organization', 'Merrill Lynch'],
    ])
  })
  it('leave a phrase without a name alone', () => {
    expect(speakers('A spokesman for the council said the road would reopen.')[0]![1]).toBe('A spokesman for the council')
  })
})

describe('descriptions and organisation references', () => {
  it('resolve a description to the person introduced with that role', () => {
    const body =
      'Liverpool captain Steven Gerrard scored twice. Manager Rafael Benitez was pleased.\n\nThe Liverpool captain said the team would improve.'
    expect(speakers(body)).toEqual([['The Liverpool captain', 'Steven Gerrard']])
  })
  it('leave a description unresolved when no person holds its role', () => {
    expect(speakers('Steven Gerrard scored twice. The defence secretary said the plan was sound.')[0]![1]).not.toBe('Steven Gerrard')
  })
  it('send "it" and "the watchdog" to the organisation named before them', () => {
    const x = extract({
      title: '',
      body: 'The Electoral Commission said donations should be capped.\n\nIt said parties needed more state funding. The watchdog said candidates should get a free mailing.',
    })
    expect(x.quotes.map((q) => [q.speaker.type, q.speaker.name])).toEqual([
      ['organization', 'Electoral Commission'],
      ['organization', 'Electoral Commission'],
      ['organization', 'Electoral Commission'],
    ])
  })
})

describe('one quote, reported once', () => {
  const quote = (start: number, end: number, speaker: string, confidence: number, speakerStart: number | null = null) =>
    ({
      start,
      end,
      content: '',
      parts: [{ start, end }],
      speaker: {
        text: speaker,
        start: speakerStart,
        end: speakerStart === null ? null : speakerStart + speaker.length,
        type: 'person',
        person: null,
        name: speaker,
      },
      cue: 'said',
      cueSpan: speakerStart === null ? null : { start: speakerStart + speaker.length + 1, end: speakerStart + speaker.length + 5 },
      kind: 'indirect',
      via: null,
      confidence,
      sentence: { start, end },
    }) as ExtractedQuote
  it('keeps the surer of two quotes that share words', () => {
    const kept = withoutOverlaps([quote(0, 50, 'Tony Blair', 0.6), quote(20, 80, 'Tony Blair', 0.8)])
    expect(kept.map((q) => q.confidence)).toEqual([0.8])
  })
  it('drops a quote whose words hold the next attribution', () => {
    const kept = withoutOverlaps([quote(0, 100, 'Tony Blair', 0.9), quote(70, 100, 'Tony Blair', 0.6, 55)])
    expect(kept.map((q) => q.start)).toEqual([70])
  })
  it('keeps speech reported inside reported speech beside the outer report', () => {
    const kept = withoutOverlaps([quote(0, 100, 'Yuri Ushakov', 0.8), quote(60, 100, 'Xi Jinping', 0.7, 40)])
    expect(kept.map((q) => q.speaker.name)).toEqual(['Yuri Ushakov', 'Xi Jinping'])
  })
})
