/**
 * Benchmark corpora as JSON Lines shards. From real text: every article found under the given
 * paths (read with Newsdesk's own parser), then variants of each with its paragraphs rotated
 * and a date spread over 2000-2024, until there are N distinct articles. Without paths: articles
 * generated from name and sentence lists, so that anyone can run the benchmark.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { once } from 'node:events'
import { decodeText, parseFile } from '../../src/ingest/parse.js'
import { walkSources } from '../../src/ingest/sources.js'

export interface BaseArticle {
  title: string
  paragraphs: string[]
  section: string | null
}

/** A small deterministic generator (mulberry32): the same seed gives the same corpus. */
export function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export async function readRealArticles(paths: string[]): Promise<BaseArticle[]> {
  const seen = new Set<string>()
  const out: BaseArticle[] = []
  for await (const source of walkSources(paths, ['txt', 'jsonl'])) {
    if (source.error || source.path.endsWith('manifest.jsonl')) continue
    const text = decodeText(readFileSync(source.path))
    for (const r of parseFile(source.path, text)) {
      if (!r.ok || seen.has(r.article.body)) continue
      seen.add(r.article.body)
      const paragraphs = r.article.body
        .split(/\n+/)
        .map((p) => p.trim())
        .filter(Boolean)
      const section =
        r.article.section ??
        (typeof r.article.extra?.publisher === 'string' ? r.article.extra.publisher : null) ??
        source.path.match(/([a-z]+)-\d+\.txt$/)?.[1] ??
        null
      if (paragraphs.length > 0) out.push({ title: r.article.title, paragraphs, section })
    }
  }
  return out
}

const GIVEN = [
  'Anna',
  'James',
  'Maria',
  'David',
  'Sarah',
  'Ahmed',
  'Li',
  'Olga',
  'Carlos',
  'Fatima',
  'Peter',
  'Yuki',
  'Grace',
  'Ivan',
  'Nadia',
  'Tom',
]
const FAMILY = [
  'Smith',
  'Chen',
  'Garcia',
  'Kowalski',
  'Okafor',
  'Novak',
  'Haddad',
  'Silva',
  'Tanaka',
  'Brown',
  'Petrov',
  'Moreau',
  'Jensen',
  'Rossi',
  'Singh',
  'Walsh',
]
const ROLES = ['Finance Minister', 'Mayor', 'Senator', 'chief executive', 'Governor', 'spokeswoman', 'coach', 'President']
const TOPICS = [
  'the budget',
  'the new stadium',
  'rail fares',
  'the harbour plan',
  'water prices',
  'the school reform',
  'the trade deal',
  'the election',
]
const CLAIMS = [
  'will create jobs',
  'was never properly costed',
  'must be delayed',
  'is good news for families',
  'would hurt small firms',
  'has broad support',
]
const SECTIONS = ['politics', 'business', 'sport', 'tech', 'world']

/** One generated article: named people with roles, quotes attributed in the common patterns. */
export function generatedArticle(i: number): BaseArticle {
  const r = random(i + 1)
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!
  const people = Array.from({ length: 3 + Math.floor(r() * 5) }, () => ({ name: `${pick(GIVEN)} ${pick(FAMILY)}`, role: pick(ROLES) }))
  const topic = pick(TOPICS)
  const paragraphs = [
    `LONDON (Newsdesk) - ${people[0]!.role} ${people[0]!.name} spoke about ${topic} on ${pick(['Monday', 'Tuesday', 'Friday'])}.`,
  ]
  for (let p = 0; p < 8 + Math.floor(r() * 8); p++) {
    const who = pick(people)
    const surname = who.name.split(' ')[1]
    paragraphs.push(
      pick([
        `"${topic[0]!.toUpperCase()}${topic.slice(1)} ${pick(CLAIMS)}," ${surname} said.`,
        `${who.role} ${who.name} said ${topic} ${pick(CLAIMS)}.`,
        `According to ${who.name}, ${topic} ${pick(CLAIMS)}.`,
        `"We are listening," ${who.name} told reporters. "But ${topic} ${pick(CLAIMS)}."`,
        `Critics say ${topic} ${pick(CLAIMS)}, while supporters disagree.`,
      ]),
    )
  }
  return { title: `${people[0]!.name} on ${topic} (${i})`, paragraphs, section: pick(SECTIONS) }
}

/** Variant `v` of a base article: paragraphs rotated by v (the dateline stays first), a spread date. */
export function variant(base: BaseArticle, v: number, i: number) {
  const [first, ...rest] = base.paragraphs
  const k = rest.length ? v % rest.length : 0
  const body = [first, ...rest.slice(k), ...rest.slice(0, k)].join('\n\n')
  const day = new Date(Date.UTC(2000, 0, 1) + ((i * 7919) % 9131) * 86_400_000).toISOString().slice(0, 10)
  return { title: v ? `${base.title} (${v})` : base.title, body, date: day, section: base.section }
}

/** Writes `n` articles in shards of `perShard` lines; returns the shard directory. */
export async function writeCorpus(dir: string, n: number, bases: BaseArticle[] | null, perShard = 1000): Promise<string> {
  mkdirSync(dir, { recursive: true })
  for (let shard = 0; shard * perShard < n; shard++) {
    const out = createWriteStream(join(dir, `shard-${String(shard).padStart(4, '0')}.jsonl`))
    for (let i = shard * perShard; i < Math.min(n, (shard + 1) * perShard); i++) {
      const article = bases ? variant(bases[i % bases.length]!, Math.floor(i / bases.length), i) : variant(generatedArticle(i), 0, i)
      if (!out.write(JSON.stringify(article) + '\n')) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
  }
  return dir
}
