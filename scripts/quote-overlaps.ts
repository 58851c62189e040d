// Counts pairs of quotes of one article that share words, over a folder of article files
// (issue #25: "one quote, reported once"). Speech nested in reported speech is counted apart.
// Usage: npx tsx scripts/quote-overlaps.ts ../shared/data/articles/bbc
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extract, nestedIn } from '../src/extraction/pipeline.js'
import { bbcBody } from '../src/evaluation/bbc.js'

const dir = process.argv[2] ?? '../shared/data/articles/bbc'
let articles = 0
let quotes = 0
let overlapping = 0
let sameSpeaker = 0
let nested = 0
for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  const raw = readFileSync(join(dir, file), 'utf8')
  const x = extract({ title: raw.slice(0, raw.indexOf('\n')), body: bbcBody(raw) })
  articles++
  quotes += x.quotes.length
  for (let i = 0; i < x.quotes.length; i++)
    for (let j = i + 1; j < x.quotes.length; j++) {
      const a = x.quotes[i]!
      const b = x.quotes[j]!
      if (!a.parts.some((p) => b.parts.some((o) => p.start < o.end && o.start < p.end))) continue
      if (nestedIn(a, b) || nestedIn(b, a)) nested++
      else {
        overlapping++
        if (process.env.SHOW) console.log(file, JSON.stringify([a.content, a.speaker.name, b.content, b.speaker.name]))
        if (a.speaker.name === b.speaker.name) sameSpeaker++
      }
    }
}
console.log(
  `${articles} articles, ${quotes} quotes: ${overlapping} overlapping pairs (${sameSpeaker} with the same speaker); ${nested} pairs of speech nested in reported speech`,
)
