import { describe, expect, it } from 'vitest'
import { extract } from '../../src/extraction/pipeline.js'
import { findFurniture, maskSpans } from '../../src/extraction/stages/find-furniture.js'

const kinds = (title: string, body: string) => findFurniture(title, body).map((f) => [f.kind, body.slice(f.start, f.end)])

describe('page furniture', () => {
  it('marks ad slots, links to other stories, notices, bylines and the repeated headline, line by line', () => {
    const title = 'Council approves harbour plan after long debate'
    const body = [
      'By Jane Doe and Sam Lee, Staff Writers',
      'Updated 3:45 PM EST, March 3, 2024',
      'Council approves harbour plan after long debate',
      'The council approved the plan on Monday.',
      'Story continues below advertisement',
      'READ MORE: Harbour plan faces legal challenge',
      'WATCH: Mayor explains the vote',
      'Sign up for our daily newsletter.',
      'The mayor said the plan would create 400 jobs.',
      '(Reporting by Jane Doe; Editing by Sam Lee)',
      '© 2024 Example News. All rights reserved.',
    ].join('\n')
    expect(kinds(title, body)).toEqual([
      ['byline', 'By Jane Doe and Sam Lee, Staff Writers'],
      ['byline', 'Updated 3:45 PM EST, March 3, 2024'],
      ['headline', 'Council approves harbour plan after long debate'],
      ['advertisement', 'Story continues below advertisement'],
      ['link', 'READ MORE: Harbour plan faces legal challenge'],
      ['link', 'WATCH: Mayor explains the vote'],
      ['notice', 'Sign up for our daily newsletter.'],
      ['credit', '(Reporting by Jane Doe; Editing by Sam Lee)'],
      ['notice', '© 2024 Example News. All rights reserved.'],
    ])
  })

  it('marks photo captions by their credit, and only the credit of an agency line that ends a paragraph', () => {
    const body = [
      'Protesters gather outside the court on Tuesday. (Jane Doe/Example Agency)',
      'President Smith waves to supporters in Ohio. (AP Photo/Evan Vucci)',
      'Fans celebrate the win in Madrid. Photograph: Juan Perez/Getty Images',
      'Markets fell sharply on Friday, traders said. (Reporting by Ann Roe; Editing by Bo Li)',
    ].join('\n')
    expect(kinds('', body).map(([k]) => k)).toEqual(['caption', 'caption', 'caption', 'credit'])
    expect(kinds('', body)[3]![1]).toBe('(Reporting by Ann Roe; Editing by Bo Li)')
  })

  it('marks an all-caps topic label, not a transcript speaker named in the text', () => {
    const body = [
      'ENERGY: Oil prices rose 2% as supply fell, traders said.',
      'FED TALK: Two officials spoke on rates.',
      'Moderator Jake Tapper asked about the economy.',
      'TAPPER: What would you do first?',
      'CLINTON: I would raise the minimum wage, said Hillary Clinton.',
    ].join('\n')
    expect(kinds('', body)).toEqual([
      ['label', 'ENERGY:'],
      ['label', 'FED TALK:'],
    ])
  })

  it('leaves article text alone, however it starts', () => {
    const body = [
      'By Monday, the deal was done, officials said.',
      'Copyright law is changing, the minister said.',
      'More than 400 people attended, police said.',
      'Photos of the event were shared online, organisers said.',
      'The vote was split (50/50) on the second day.',
      'Caroline Quentin (Life Begins/ Von Trapped, ITV1)',
      'Subscribers will pay more from June, the company said.',
      'Council approves harbour plan after the second debate in a row',
    ].join('\n')
    expect(kinds('Council approves harbour plan', body)).toEqual([])
  })

  it('blanks furniture without moving any offset', () => {
    const body = 'READ MORE: Fire\nThe fire is out, the chief said.'
    const masked = maskSpans(body, findFurniture('', body))
    expect(masked).toHaveLength(body.length)
    expect(masked).toBe(`${' '.repeat(15)}\nThe fire is out, the chief said.`)
  })

  it('keeps extraction out of furniture: no quote and no speaker from a label or a caption', () => {
    const body = [
      'WATCH: Smith says the plan is dead',
      'ENERGY: Oil prices rose, traders said.',
      'Jane Doe speaks to reporters in Paris. (John Roe/Example Agency)',
      'The plan is dead, Mayor Jane Doe said on Monday.',
    ].join('\n\n')
    const { furniture, quotes } = extract({ title: '', body })
    expect(furniture.map((f) => f.kind)).toEqual(['link', 'label', 'caption'])
    expect(quotes.map((q) => [q.content, q.speaker.name])).toEqual([
      ['Oil prices rose', 'traders'],
      ['The plan is dead', 'Jane Doe'],
    ])
    for (const q of quotes) expect(q.content).toBe(body.slice(q.start, q.end))
  })
})

describe('transcript speakers are not topic labels', () => {
  it('keeps an all-caps label whose words sound spoken', () => {
    expect(findFurniture('', 'PENCE: Well, look, this is serious business.')).toEqual([])
    expect(findFurniture('', 'SMITH: I think we can win this.')).toEqual([])
    expect(findFurniture('', 'TRADE: US exports rose 3% in May.').map((f) => f.kind)).toEqual(['label'])
  })
})
