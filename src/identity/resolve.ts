import { slugify } from '../ingest/identity.js'
import { givenNameKey, isInitial, namesAThing, nameKey, splitHonorific, surnameKey, titleName, withoutStrayOpener } from './names.js'
import { COMMON_WORDS, GIVEN_NAMES } from '../extraction/lexicon/index.js'
import { SURNAMES } from '../extraction/lexicon/surnames.js'

const isCommonWord = (lower: string) => COMMON_WORDS.has(lower)
/** A common English word that is nobody's family name as far as the lists know ("consort", not "young"). */
const isCommonNotSurname = (lower: string) => isCommonWord(lower) && !SURNAMES.has(lower.charAt(0).toUpperCase() + lower.slice(1))
const isGivenName = (w: string) => GIVEN_NAMES.has(w)

/** A person as one article's extraction left it: a name, the titles written with it, how often it is mentioned. */
export interface EntityInput {
  name: string
  titles: string[]
  mentions: number
  /** Joins a known person or nobody: never a person of its own (a bare word a quote was attributed to). */
  joinOnly?: boolean
}

/** What identity needs to know of an article. `day` is YYYY-MM-DD when the article is dated. */
export interface ArticleInput {
  id: string
  day: string | null
  section: string | null
  entities: EntityInput[]
}

/** Where one entity of one article belongs. */
export type EntityLink = { status: 'person'; slug: string } | { status: 'unresolved' } | { status: 'not-person' }

export interface ResolvedPerson {
  slug: string
  name: string
}

/** Corrections made by editors, in the order they were made. People are named by slug. */
export type IdentityDecision =
  | { kind: 'merge'; person: string; into: string }
  | { kind: 'split'; person: string; articles: string[]; name: string }
  | { kind: 'rename'; person: string; name: string }
  | { kind: 'not-a-person'; person: string }
  /** keeps a record a person whatever its evidence says (identity/personhood.ts): no link changes */
  | { kind: 'is-a-person'; person: string }

export interface Resolution {
  people: Map<string, ResolvedPerson>
  /** Per article id, one link per entity, in the entities' order. */
  links: Map<string, EntityLink[]>
  /** Per decision, whether it still applied to something. */
  applied: boolean[]
}

/** Evidence is counted among a candidate's articles within this many days of the article. */
const NEAR_DAYS = 30
/** A candidate wins on context when its evidence is at least this many times the runner-up's. */
const DOMINANCE = 2
/** Without context, a candidate wins on prominence when it has this many times the articles of all the others together, and at least MIN_PRIOR articles. */
const PRIOR_DOMINANCE = 4
const MIN_PRIOR = 3

/**
 * What identity knows of a full-name person across their articles: spellings with mention counts,
 * one day and section per article, title words, and the people named beside them.
 */
export interface PersonStats {
  key: string
  slug: string
  variants: Map<string, number>
  days: (number | null)[]
  sections: (string | null)[]
  titleWords: Set<string>
  coMentioned: Set<string>
}

/** One entity of a full-name person in one article, as `personDirectory` takes it. */
export interface PersonEntityRow {
  article: string
  day: string | null
  section: string | null
  entity: EntityInput
}

/** Adds one article's entity to the stats of its person (an article counts once per person). */
function addToStats(
  people: Map<string, PersonStats>,
  p: Extract<Parsed, { shape: 'full' }>,
  mentions: number,
  article: string,
  day: number | null,
  section: string | null,
  lastArticle: Map<string, string>,
) {
  const person =
    people.get(p.slug) ??
    people
      .set(p.slug, { key: p.key, slug: p.slug, variants: new Map(), days: [], sections: [], titleWords: new Set(), coMentioned: new Set() })
      .get(p.slug)!
  person.variants.set(p.name, (person.variants.get(p.name) ?? 0) + mentions)
  if (lastArticle.get(p.slug) !== article) {
    lastArticle.set(p.slug, article)
    person.days.push(day)
    person.sections.push(section)
  }
  p.titleWords.forEach((w) => person.titleWords.add(w))
  return person
}

/**
 * The stats of full-name people from their entity rows (grouped by article) and the pairs of
 * people named in one article: what a relink of part of the corpus reads instead of every article.
 */
export function personDirectory(rows: PersonEntityRow[], coMentions: [string, string][]): PersonStats[] {
  const people = new Map<string, PersonStats>()
  const lastArticle = new Map<string, string>()
  for (const r of rows) {
    const p = parseEntity(r.entity)
    if (p.shape === 'full') addToStats(people, p, r.entity.mentions, r.article, dayNumber(r.day), r.section, lastArticle)
  }
  for (const [a, b] of coMentions) people.get(a)?.coMentioned.add(b)
  return [...people.values()]
}

type Parsed =
  | { shape: 'thing' }
  | { shape: 'full'; key: string; slug: string; name: string; titleWords: string[] }
  /** a surname alone, or with an initial ("J Robinson" in a line-up) that the given name must start with */
  | { shape: 'single'; key: string; name: string; titleWords: string[]; initial: string | null }

const ADDRESS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame'])
const titleWordsOf = (titles: string[]) =>
  titles
    .flatMap((t) => t.toLowerCase().split(/\s+/))
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => w.length > 2 && !ADDRESS.has(w))

function parseEntity(e: EntityInput): Parsed {
  const split = splitHonorific(e.name)
  const { title } = split
  const name = titleName(
    withoutStrayOpener(split.name, isCommonWord, isGivenName),
    title ? [title, ...e.titles] : e.titles,
    isCommonNotSurname,
  )
  if (namesAThing(name)) return { shape: 'thing' }
  const titleWords = titleWordsOf(title ? [title, ...e.titles] : e.titles)
  const words = name.split(/\s+/)
  if (words.length === 2 && isInitial(words[0]!))
    return { shape: 'single', key: nameKey(words[1]!), name, titleWords, initial: words[0]![0]!.toLowerCase() }
  const key = nameKey(name)
  return key.includes(' ')
    ? { shape: 'full', key, slug: slugify(key), name, titleWords }
    : { shape: 'single', key, name, titleWords, initial: null }
}

/**
 * The keys identity looks people up by, stored with each entity so that a relink can find every
 * entity a new article may change: a full name's surname, given name and person slug; a one-word
 * name's word (as surname).
 */
export function entityKeys(name: string): { surname: string | null; given: string | null; person: string | null } {
  const p = parseEntity({ name, titles: [], mentions: 0 })
  if (p.shape === 'thing') return { surname: null, given: null, person: null }
  return p.shape === 'full'
    ? { surname: surnameKey(p.name), given: givenNameKey(p.name), person: p.slug }
    : { surname: p.key, given: null, person: null }
}

const dayNumber = (day: string | null) => (day ? Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000) : null)

/** The most used spelling; ties go to the longer, then the alphabetically first. */
export function displayName(variants: Map<string, number>): string {
  return [...variants].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0]![0]
}

/** Placeholder slug of a join-only word that is nobody's surname, settled once every one-word person is known. */
const JOIN_ONLY_MONONYM = '\u0000'

const byId = (a: ArticleInput, b: ArticleInput) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * Assigns every entity of every article to a person, or leaves it unresolved, from the whole
 * corpus at once: the result depends on the set of articles, never on their order.
 *
 * - A full name is a person; spellings that differ only in initials, case or diacritics are one.
 * - A single word ("Blair", "Mr Brown") joins the full-name person whose surname it is when the
 *   evidence is strong: co-mentioned people, a shared title, articles near in time or in the same
 *   section; failing any context, the only candidate, or one far more prominent than all others. Otherwise it
 *   stays unresolved. A first name alone ("Paula") stays unresolved. A word that is nobody's
 *   surname or given name is a person known by one name ("Ronaldinho").
 * - Editors' decisions are applied last, in order.
 *
 * `partial`: the articles are a part of the corpus (see relink.ts), so a decision may name a
 * person none of them mentions; it still moves the links it covers. Links that name a person
 * missing from `people` then belong to people outside these articles. `directory`: the whole
 * stats of people these articles name only in part; `givenNames`: given names of full-name
 * people outside these articles.
 */
export function resolveIdentities(
  input: ArticleInput[],
  decisions: IdentityDecision[] = [],
  opts: { partial?: boolean; givenNames?: Iterable<string>; directory?: PersonStats[] } = {},
): Resolution {
  const articles = [...input].sort(byId)
  const parsed = articles.map((a) => a.entities.map(parseEntity))
  const days = articles.map((a) => dayNumber(a.day))
  const fullSlugs = parsed.map((entities) => entities.flatMap((p) => (p.shape === 'full' ? [p.slug] : [])))

  // spellings that differ only in punctuation ("Kilroy-Silk", "Kilroy Silk") share a slug: one person
  const fullNames = new Map<string, PersonStats>()
  const lastArticle = new Map<string, string>()
  parsed.forEach((entities, ai) => {
    const a = articles[ai]!
    entities.forEach((p, ei) => {
      if (p.shape !== 'full') return
      const person = addToStats(fullNames, p, a.entities[ei]!.mentions, a.id, days[ai]!, a.section, lastArticle)
      for (const other of fullSlugs[ai]!) if (other !== p.slug) person.coMentioned.add(other)
    })
  })
  // people known whole from outside these articles replace what these articles alone say of them
  for (const person of opts.directory ?? []) fullNames.set(person.slug, person)
  const index = (keyOf: (key: string) => string) => {
    const map = new Map<string, PersonStats[]>()
    for (const person of fullNames.values()) {
      for (const k of new Set([...person.variants.keys()].map((v) => keyOf(v)))) map.set(k, [...(map.get(k) ?? []), person])
    }
    return map
  }
  const bySurname = index(surnameKey)
  const givenNames = new Set([
    ...(opts.givenNames ?? []),
    ...[...fullNames.values()].flatMap((p) => [...p.variants.keys()].map(givenNameKey)),
  ])

  const contextEvidence = (c: PersonStats, ai: number, titleWords: string[]) => {
    const co = fullSlugs[ai]!.filter((slug) => slug !== c.slug && c.coMentioned.has(slug)).length
    const title = titleWords.some((w) => c.titleWords.has(w)) ? 1 : 0
    const day = days[ai] ?? null
    const section = articles[ai]!.section
    let near = 0
    for (const d of c.days) if (day !== null && d !== null && Math.abs(d - day) <= NEAR_DAYS) near++
    const sameSection = section ? c.sections.filter((s) => s === section).length : 0
    return { co, score: 4 * co + 2 * title + Math.min(near, 5) + (sameSection > 0 ? 1 : 0) }
  }

  const singleLink = (p: Extract<Parsed, { shape: 'single' }>, ai: number, joinOnly: boolean): EntityLink => {
    const candidates = (bySurname.get(p.key) ?? []).filter((c) => !p.initial || c.key.startsWith(p.initial))
    // an initial and a surname that fit one known person are that person ("J Robinson" in a line-up)
    if (p.initial && candidates.length === 1) return { status: 'person', slug: candidates[0]!.slug }
    // nobody fits: the person is known here only as written ("J Yapp")
    if (p.initial && candidates.length === 0)
      return joinOnly ? { status: 'unresolved' } : { status: 'person', slug: slugify(nameKey(p.name)) }
    // a first name alone ("Paula") could be anyone who has it: unresolved
    if (candidates.length === 0 && givenNames.has(p.key)) return { status: 'unresolved' }
    if (candidates.length === 0)
      return joinOnly ? { status: 'person', slug: JOIN_ONLY_MONONYM } : { status: 'person', slug: slugify(p.key) }
    const scored = candidates
      .map((c) => ({ c, ...contextEvidence(c, ai, p.titleWords) }))
      .sort((a, b) => b.score - a.score || b.c.days.length - a.c.days.length || (a.c.key < b.c.key ? -1 : 1))
    const [best, second] = scored as [(typeof scored)[0], (typeof scored)[0] | undefined]
    if (best.score > 0 && best.score >= DOMINANCE * (second?.score ?? 0)) return { status: 'person', slug: best.c.slug }
    if (best.score > 0) return { status: 'unresolved' }
    const prominence = [...candidates].sort((a, b) => b.days.length - a.days.length)
    const others = prominence.slice(1).reduce((n, c) => n + c.days.length, 0)
    const top = prominence[0]!
    // the only person of that surname in the corpus is who it is; among several, only a far better known one
    if (candidates.length === 1 || (top.days.length >= MIN_PRIOR && top.days.length >= PRIOR_DOMINANCE * others))
      return { status: 'person', slug: top.slug }
    return { status: 'unresolved' }
  }

  const people = new Map<string, ResolvedPerson>()
  for (const person of fullNames.values()) people.set(person.slug, { slug: person.slug, name: displayName(person.variants) })
  const mononyms = new Map<string, Map<string, number>>()
  const links = new Map<string, EntityLink[]>()
  parsed.forEach((entities, ai) => {
    const article = articles[ai]!
    const row = entities.map((p, ei): EntityLink => {
      if (p.shape === 'thing') return { status: 'not-person' }
      if (p.shape === 'full') return { status: 'person', slug: p.slug }
      const link = singleLink(p, ai, article.entities[ei]!.joinOnly === true)
      if (link.status === 'person' && link.slug !== JOIN_ONLY_MONONYM && !people.has(link.slug)) {
        const variants = mononyms.get(link.slug) ?? mononyms.set(link.slug, new Map()).get(link.slug)!
        variants.set(p.name, (variants.get(p.name) ?? 0) + article.entities[ei]!.mentions)
      }
      return link
    })
    links.set(article.id, row)
  })
  for (const [slug, variants] of mononyms) people.set(slug, { slug, name: displayName(variants) })
  // a bare speaker word that is nobody's surname is the person known by that one word, if any
  parsed.forEach((entities, ai) => {
    const row = links.get(articles[ai]!.id)!
    row.forEach((l, ei) => {
      if (l.status !== 'person' || l.slug !== JOIN_ONLY_MONONYM) return
      const slug = slugify((entities[ei] as { key: string }).key)
      row[ei] = mononyms.has(slug) ? { status: 'person', slug } : { status: 'unresolved' }
    })
  })

  const applied = decisions.map((d) => applyDecision(d, people, links, opts.partial === true))
  const linked = new Set([...links.values()].flatMap((row) => row.flatMap((l) => (l.status === 'person' ? [l.slug] : []))))
  for (const slug of [...people.keys()]) if (!linked.has(slug)) people.delete(slug)
  return { people, links, applied }
}

/** Rewrites the links of one person; returns whether any link was theirs. */
function relinkPerson(links: Map<string, EntityLink[]>, slug: string, to: EntityLink, onlyArticles?: Set<string>): boolean {
  let changed = false
  for (const [id, row] of links) {
    if (onlyArticles && !onlyArticles.has(id)) continue
    row.forEach((l, i) => {
      if (l.status === 'person' && l.slug === slug) {
        row[i] = to
        changed = true
      }
    })
  }
  return changed
}

function applyDecision(
  d: IdentityDecision,
  people: Map<string, ResolvedPerson>,
  links: Map<string, EntityLink[]>,
  partial: boolean,
): boolean {
  if (!partial && !people.has(d.person)) return false
  switch (d.kind) {
    case 'is-a-person':
      return true
    case 'not-a-person': {
      const moved = relinkPerson(links, d.person, { status: 'not-person' })
      return people.delete(d.person) || moved
    }
    case 'merge': {
      if (d.into === d.person || (!partial && !people.has(d.into))) return false
      const had = people.delete(d.person)
      return relinkPerson(links, d.person, { status: 'person', slug: d.into }) || had
    }
    case 'rename': {
      const slug = slugify(d.name)
      const had = people.delete(d.person)
      const moved = slug !== d.person && relinkPerson(links, d.person, { status: 'person', slug })
      if (had || moved) people.set(slug, { slug, name: d.name })
      return had || moved
    }
    case 'split': {
      const slug = slugify(d.name)
      if (slug === d.person) return false
      const moved = relinkPerson(links, d.person, { status: 'person', slug }, new Set(d.articles))
      if (moved && !people.has(slug)) people.set(slug, { slug, name: d.name })
      return moved
    }
  }
}
