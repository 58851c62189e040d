import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { extract } from '../extraction/pipeline.js'
import { articleEntities, type ArticleEntities } from '../identity/entities.js'
import { nameKey, startsWithHonorific, surnameKey } from '../identity/names.js'
import { recordPersonhood, type Personhood } from '../identity/personhood.js'
import { resolveIdentities, type EntityLink, type Resolution } from '../identity/resolve.js'
import { parsePlainText } from '../ingest/parse.js'
import { overlapChars } from './match.js'

/** One line of scripts/eval-data/bbc-identity.jsonl (docs/identity-annotation.md). */
export interface IdentityGoldLine {
  file: string
  start: number
  end: number
  text: string
  entity: string
}

export const isIdentityGold = (first: Record<string, unknown>) => typeof first.entity === 'string' && typeof first.start === 'number'

export interface BCubed {
  precision: number
  recall: number
  f1: number
  mentions: number
}

/**
 * B-cubed over one set of mentions: for each mention, the share of its predicted cluster that is
 * in its gold cluster (precision) and the share of its gold cluster that is in its predicted
 * cluster (recall), averaged over mentions.
 */
export function bCubed(gold: string[], predicted: string[]): BCubed {
  const n = gold.length
  if (n === 0) return { precision: 1, recall: 1, f1: 1, mentions: 0 }
  const count = (labels: string[]) => labels.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>())
  const goldSize = count(gold)
  const predSize = count(predicted)
  const both = count(gold.map((g, i) => `${g}\u0000${predicted[i]}`))
  let p = 0
  let r = 0
  for (let i = 0; i < n; i++) {
    const shared = both.get(`${gold[i]}\u0000${predicted[i]}`)!
    p += shared / predSize.get(predicted[i]!)!
    r += shared / goldSize.get(gold[i]!)!
  }
  const precision = p / n
  const recall = r / n
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), mentions: n }
}

/** The corpus as identity sees it: each distinct article text once, named by its first file. */
export interface IdentityCorpus {
  files: Map<string, { id: string; body: string }>
  entities: Map<string, ArticleEntities>
  resolution: Resolution
  /** Per resolved person, whether the corpus says it is one (identity/personhood.ts): the people list shows only persons. */
  personhood: Map<string, Personhood>
}

/** Extracts every article of a folder of BBC text files and resolves identity over all of them. */
export function buildIdentityCorpus(articlesDir: string): IdentityCorpus {
  const files = new Map<string, { id: string; body: string }>()
  const idOfBody = new Map<string, string>()
  const entities = new Map<string, ArticleEntities>()
  for (const file of readdirSync(articlesDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const parsed = parsePlainText(readFileSync(join(articlesDir, file), 'utf8'))
    const id = idOfBody.get(parsed.body) ?? file
    files.set(file, { id, body: parsed.body })
    if (idOfBody.has(parsed.body)) continue
    idOfBody.set(parsed.body, id)
    entities.set(id, articleEntities(extract({ title: parsed.title, body: parsed.body })))
  }
  const resolution = resolveIdentities(
    [...entities].map(([id, a]) => ({
      id,
      day: null,
      section: null,
      entities: a.entities.map((e) => ({ name: e.name, titles: e.titles, mentions: e.mentions.length, joinOnly: e.joinOnly })),
    })),
  )
  return { files, entities, resolution, personhood: recordPersonhood(resolution.people, resolution.links, entities) }
}

const labelOf = (link: EntityLink | undefined, where: string) =>
  !link || link.status === 'not-person' ? `none:${where}` : link.status === 'unresolved' ? `unresolved:${where}` : `person:${link.slug}`

/**
 * The entity a labelled mention (file, body offsets, text) belongs to now: the article's entity
 * with the mention overlapping it most, and that entity's link; null when no entity's mention
 * overlaps it.
 */
export function entityAtMention(corpus: IdentityCorpus, g: { file: string; start: number; end: number; text: string }) {
  const file = corpus.files.get(g.file)
  if (!file) throw new Error(`${g.file}: not in the articles folder`)
  if (file.body.slice(g.start, g.end) !== g.text) throw new Error(`${g.file}: gold offsets ${g.start}-${g.end} do not match "${g.text}"`)
  const article = corpus.entities.get(file.id)!
  let best: { entity: number; overlap: number } | null = null
  article.entities.forEach((e, entity) => {
    for (const m of e.mentions) {
      const overlap = overlapChars(m, g)
      if (overlap > 0 && (!best || overlap > best.overlap)) best = { entity, overlap }
    }
  })
  const found = best as { entity: number } | null
  if (!found) return null
  const link = corpus.resolution.links.get(file.id)![found.entity]!
  // a record the corpus shows is not a person is listed nowhere: its mentions are no person's
  const listed = link.status !== 'person' || corpus.personhood.get(link.slug)?.kind === 'person'
  return { entity: found.entity, link: listed ? link : ({ status: 'not-person' } as const) }
}

/** B-cubed of the gold mentions' assignment; a mention the system has no entity for is a cluster of its own. */
export function scoreIdentity(gold: IdentityGoldLine[], corpus: IdentityCorpus) {
  const predicted = gold.map((g) => {
    const found = entityAtMention(corpus, g)
    return labelOf(found?.link, `${g.file}:${g.start}:${found?.entity ?? ''}`)
  })
  const goldLabels = gold.map((g, i) => (g.entity === 'NOT_PERSON' || g.entity.startsWith('UNKNOWN') ? `${g.entity}#${i}` : g.entity))
  const names = predicted.map((label) => (label.startsWith('person:') ? corpus.resolution.people.get(label.slice(7))!.name : null))
  const { verdicts, ...records } = recordAccuracy(gold, names)
  return {
    bCubed: bCubed(goldLabels, predicted),
    records,
    verdicts,
    predicted: predicted.map((p, i) => (names[i] ? `${p} (${names[i]})` : p)),
  }
}

/** How fragmented the people records are (issue 15's figures), and the most mentioned records. */
export function fragmentation(corpus: IdentityCorpus, top = 100) {
  const mentions = new Map<string, number>()
  let unresolvedMentions = 0
  for (const [id, a] of corpus.entities) {
    corpus.resolution.links.get(id)!.forEach((l, i) => {
      const n = a.entities[i]!.mentions.length
      if (l.status === 'person') mentions.set(l.slug, (mentions.get(l.slug) ?? 0) + n)
      else if (l.status === 'unresolved' && !a.entities[i]!.joinOnly) unresolvedMentions += n
    })
  }
  // the records the people list shows: those the corpus says are people
  const people = [...corpus.resolution.people.values()].filter((p) => corpus.personhood.get(p.slug)?.kind === 'person')
  const totalMentions = [...mentions.values()].reduce((a, b) => a + b, 0)
  const surnames = new Set(people.filter((p) => nameKey(p.name).includes(' ')).map((p) => surnameKey(p.name)))
  const singleWord = people.filter((p) => !nameKey(p.name).includes(' '))
  const duplicates = singleWord.filter((p) => surnames.has(nameKey(p.name)))
  const duplicateMentions = duplicates.reduce((n, p) => n + (mentions.get(p.slug) ?? 0), 0)
  return {
    people: people.length,
    mentions: totalMentions,
    unresolvedMentions,
    singleWord: singleWord.length,
    singleWordSurnames: duplicates.length,
    singleWordSurnameMentionShare: totalMentions ? duplicateMentions / totalMentions : 0,
    honorific: people.filter((p) => startsWithHonorific(p.name)).map((p) => p.name),
    top: people
      .map((p) => ({ name: p.name, slug: p.slug, mentions: mentions.get(p.slug) ?? 0 }))
      .sort((a, b) => b.mentions - a.mentions || (a.slug < b.slug ? -1 : 1))
      .slice(0, top),
  }
}

/** "Tony Blair (UK prime minister)" → "Tony Blair". */
const goldName = (entity: string) => entity.replace(/\s*\(.*\)\s*$/, '')

/**
 * The share of gold mentions filed under the right record: a person's mention under a record
 * bearing that person's name (initials, case and diacritics aside), a non-person's under no
 * record. Unidentifiable people (UNKNOWN) are left out. Unlike B-cubed on a sparse sample, this
 * counts every "Blair" left in a record of its own.
 */
export function recordAccuracy(gold: IdentityGoldLine[], predictedNames: (string | null)[]) {
  const verdicts = gold.map((g, i) => {
    if (g.entity.startsWith('UNKNOWN')) return null
    const name = predictedNames[i] ?? null
    return g.entity === 'NOT_PERSON' ? name === null : name !== null && nameKey(name) === nameKey(goldName(g.entity))
  })
  const right = verdicts.filter((v) => v === true).length
  const total = verdicts.filter((v) => v !== null).length
  return { accuracy: total ? right / total : 1, right, total, verdicts }
}

/**
 * Which of the most mentioned names are not people, by a hand-reviewed list of the corpus's
 * frequent names (scripts/eval-data/bbc-frequent-names.json); names not on it are reported
 * as unreviewed rather than guessed.
 */
export function reviewedNotPeople(names: string[], listPath = new URL('../../scripts/eval-data/bbc-frequent-names.json', import.meta.url)) {
  let reviewed: Record<string, 'person' | 'not-person'> = {}
  try {
    reviewed = JSON.parse(readFileSync(listPath, 'utf8')) as Record<string, 'person' | 'not-person'>
  } catch {
    // no list: every name is unreviewed
  }
  return {
    notPeople: names.filter((n) => reviewed[n] === 'not-person'),
    unreviewed: names.filter((n) => !(n in reviewed)),
  }
}
