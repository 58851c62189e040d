import { extract } from '../extraction/pipeline.js'
import type { ExtractedQuote, Extraction } from '../extraction/types.js'
import { parseSeed } from '../ingest/parse.js'
import { matchSpans, normaliseName, prf, type PRF } from './match.js'

export interface SeedGold {
  file: string
  people: { name: string; aliases: string[]; titles: string[] }[]
  notPeople: string[]
  quotes: { speaker: string; speakerType: string; cue: string; content: string; span: [number, number]; required: boolean; via?: string }[]
}

export interface SeedReport {
  people: PRF & { titlesCorrect: number; missing: string[]; extra: string[] }
  quotes: PRF & { required: number; requiredFound: number; requiredWithSpeaker: number; speakerAccuracy: number; notInGold: number }
  explain: {
    missed: SeedGold['quotes']
    wrongSpeaker: { gold: SeedGold['quotes'][number]; predicted: string }[]
    spurious: { content: string; speaker: string }[]
  }
}

/** Scores the extraction of a seed-format article against its gold annotation (offsets into the file). */
export function scoreSeed(text: string, gold: SeedGold, threshold = 0.3): SeedReport {
  const article = parseSeed(text)
  const extraction: Extraction = extract({ title: article.title, body: article.body })
  const shift = article.bodyOffset

  const goldNames = new Set(gold.people.map((p) => p.name))
  const foundNames = extraction.people.map((p) => p.name)
  const tpPeople = foundNames.filter((n) => goldNames.has(n))
  const titlesCorrect = gold.people.filter((g) => {
    const p = extraction.people.find((x) => x.name === g.name)
    return p && g.titles.every((t) => p.titles.includes(t))
  }).length

  const goldQuotes = gold.quotes.map((q) => ({ ...q, start: q.span[0], end: q.span[1] }))
  const predicted = extraction.quotes.map((q) => ({ ...q, start: q.start + shift, end: q.end + shift }))
  const { pairs, missed, spurious } = matchSpans(goldQuotes, predicted, threshold)
  const speakerOk = (g: SeedGold['quotes'][number], p: ExtractedQuote) => normaliseName(p.speaker.name) === normaliseName(g.speaker)
  const required = goldQuotes.filter((q) => q.required)
  const requiredPairs = pairs.filter(([g]) => g.required)
  const quotes = prf(pairs.length, spurious.length, missed.length)
  return {
    people: {
      ...prf(tpPeople.length, foundNames.length - tpPeople.length, goldNames.size - tpPeople.length),
      titlesCorrect,
      missing: [...goldNames].filter((n) => !foundNames.includes(n)),
      extra: foundNames.filter((n) => !goldNames.has(n)),
    },
    quotes: {
      ...quotes,
      required: required.length,
      requiredFound: requiredPairs.length,
      requiredWithSpeaker: requiredPairs.filter(([g, p]) => speakerOk(g, p)).length,
      speakerAccuracy: pairs.length ? pairs.filter(([g, p]) => speakerOk(g, p)).length / pairs.length : 0,
      notInGold: spurious.length,
    },
    explain: {
      missed,
      wrongSpeaker: pairs.filter(([g, p]) => !speakerOk(g, p)).map(([g, p]) => ({ gold: g, predicted: p.speaker.name })),
      spurious: spurious.map((p) => ({ content: p.content, speaker: p.speaker.name })),
    },
  }
}
