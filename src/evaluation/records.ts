import { entityAtMention, type IdentityCorpus } from './identity.js'

export const STRATA = ['top', 'one-word', 'random'] as const
export type Stratum = (typeof STRATA)[number]

/**
 * One line of scripts/eval-data/bbc-records*.jsonl (docs/records-annotation.md): a person record
 * as the people list showed it when sampled, anchored on one of its mentions, labelled by hand.
 */
export interface RecordGoldLine {
  file: string
  start: number
  end: number
  text: string
  /** The record's display name when the sample was drawn (for reading only: scoring follows the mention). */
  record: string
  stratum: Stratum
  label: 'person' | 'not-person'
  kind?: 'organization' | 'place' | 'product' | 'work' | 'band' | 'club' | 'common-word' | 'event' | 'other'
  /** The person's canonical name: the display name a journalist expects. */
  name?: string
  /** Every acceptable display name (the canonical one included); defaults to [name]. */
  names?: string[]
}

export const isRecordGold = (first: Record<string, unknown>) =>
  typeof first.record === 'string' && typeof first.stratum === 'string' && typeof first.label === 'string'

/** A person record as the people list shows it: name, mention count, and where its mentions are. */
export interface ListedRecord {
  slug: string
  name: string
  mentions: number
  /** Its mentions that are not pronouns, in file then offset order. */
  spans: { file: string; start: number; end: number; text: string }[]
}

/**
 * Every person record that ingest would list (/people lists every Person row; a row exists for
 * each resolved person with a linked entity), with its mentions.
 */
export function listedRecords(corpus: IdentityCorpus): ListedRecord[] {
  const records = new Map<string, ListedRecord>()
  for (const [slug, p] of corpus.resolution.people)
    if (corpus.personhood.get(slug)?.kind === 'person') records.set(slug, { slug, name: p.name, mentions: 0, spans: [] })
  for (const [id, article] of [...corpus.entities].sort(([a], [b]) => (a < b ? -1 : 1))) {
    corpus.resolution.links.get(id)!.forEach((link, i) => {
      if (link.status !== 'person') return
      const record = records.get(link.slug)
      if (!record) return
      const entity = article.entities[i]!
      record.mentions += entity.mentions.length
      for (const m of entity.mentions) if (m.kind !== 'pronoun') record.spans.push({ file: id, start: m.start, end: m.end, text: m.text })
    })
  }
  for (const r of records.values()) r.spans.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start))
  return [...records.values()]
}

/** The listed record a labelled mention belongs to now, or null when it is in none. */
export function recordOfMention(corpus: IdentityCorpus, line: Pick<RecordGoldLine, 'file' | 'start' | 'end' | 'text'>) {
  const found = entityAtMention(corpus, line)
  if (found?.link.status !== 'person') return null
  const person = corpus.resolution.people.get(found.link.slug)
  return person && corpus.personhood.get(person.slug)?.kind === 'person' ? { slug: person.slug, name: person.name } : null
}

const fold = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()

/** Whether a display name is one of the line's acceptable names (case and spacing aside). */
export function acceptableName(line: Pick<RecordGoldLine, 'name' | 'names'>, shown: string): boolean {
  const names = line.names?.length ? line.names : line.name ? [line.name] : []
  return names.some((n) => fold(n) === fold(shown))
}

export type RecordVerdict = 'not-listed' | 'right' | 'not-person' | 'mangled'

export interface StratumScore {
  /** Labelled records the list still shows. */
  listed: number
  notPeople: number
  mangled: number
  /** (not people + mangled) / listed: the measure, lower is better. */
  errorRate: number
  /** 1 − errorRate: what the floors hold. */
  clean: number
}

export interface RecordsScore {
  all: StratumScore
  strata: Record<Stratum, StratumScore>
  people: { labelled: number; listed: number; listedShare: number }
  verdicts: RecordVerdict[]
}

/** What each labelled line's record is now (null: not listed), scored against its label. */
export function scoreRecords(lines: RecordGoldLine[], shown: ({ name: string } | null)[]): RecordsScore {
  const verdicts = lines.map((line, i): RecordVerdict => {
    const record = shown[i] ?? null
    if (!record) return 'not-listed'
    if (line.label === 'not-person') return 'not-person'
    return acceptableName(line, record.name) ? 'right' : 'mangled'
  })
  const stratum = (keep: (line: RecordGoldLine) => boolean): StratumScore => {
    const v = verdicts.filter((_, i) => keep(lines[i]!))
    const listed = v.filter((x) => x !== 'not-listed').length
    const notPeople = v.filter((x) => x === 'not-person').length
    const mangled = v.filter((x) => x === 'mangled').length
    const errorRate = listed ? (notPeople + mangled) / listed : 0
    return { listed, notPeople, mangled, errorRate, clean: 1 - errorRate }
  }
  const people = lines.flatMap((line, i) => (line.label === 'person' ? [verdicts[i]!] : []))
  const peopleListed = people.filter((v) => v !== 'not-listed').length
  return {
    all: stratum(() => true),
    strata: Object.fromEntries(STRATA.map((s) => [s, stratum((line) => line.stratum === s)])) as Record<Stratum, StratumScore>,
    people: { labelled: people.length, listed: peopleListed, listedShare: people.length ? peopleListed / people.length : 1 },
    verdicts,
  }
}
