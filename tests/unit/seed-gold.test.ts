import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scoreSeed, type SeedGold } from '../../src/evaluation/seed.js'
import { extract } from '../../src/extraction/pipeline.js'
import { parseSeed } from '../../src/ingest/parse.js'
import { fixture } from '../helpers/context.js'

const text = readFileSync(fixture('../../prisma/sample-data/000_e717161affdd8244.txt'), 'utf8')
const gold = JSON.parse(readFileSync(fixture('seed.gold.json'), 'utf8')) as SeedGold

describe('the seed article against its gold annotation', () => {
  const report = scoreSeed(text, gold)

  it('finds all 6 people with their gold names and titles, and no one else', () => {
    expect(report.people.missing).toEqual([])
    expect(report.people.extra).toEqual([])
    expect(report.people.titlesCorrect).toBe(6)
  })

  it('finds the 15 required quotes with the right speaker, and at most 2 quotes not in the gold', () => {
    expect(report.explain.missed.filter((q) => q.required)).toEqual([])
    expect(report.explain.wrongSpeaker).toEqual([])
    expect(report.quotes.requiredWithSpeaker).toBe(15)
    expect(report.quotes.notInGold).toBeLessThanOrEqual(2)
  })

  it('keeps offsets exact: every quote is the body substring at its offsets', () => {
    const a = parseSeed(text)
    const e = extract(a)
    expect(e.quotes.length).toBeGreaterThan(0)
    expect(e.people.length).toBeGreaterThan(0)
    expect(e.people.every((p) => p.mentions.length > 0)).toBe(true)
    for (const q of e.quotes) expect(a.body.slice(q.start, q.end)).toBe(q.content)
    // mentions point at their words; a name repaired from "Alexei. Navalny" spans the noise
    for (const p of e.people) for (const m of p.mentions) expect(a.body.slice(m.start, m.end).replace(/\.(?=\s)/g, '')).toBe(m.text)
  })

  it('records relays and resolved references', () => {
    const e = extract(parseSeed(text))
    const byContent = (start: string) => e.quotes.find((q) => q.content.startsWith(start))!
    expect(byContent('Currently, certain international forces')).toMatchObject({
      via: 'CCTV',
      cue: 'quotes ... as saying',
      speaker: { name: 'Xi Jinping', type: 'person' },
    })
    expect(byContent('Moscow’s proposals')).toMatchObject({ speaker: { text: 'He', name: 'Yuri Ushakov' } })
    expect(byContent('they are based on principles')).toMatchObject({ speaker: { text: 'the Russian leader', name: 'Vladimir Putin' } })
  })
})
