import { slugify } from '../ingest/identity.js'
import { givenNameKey, isInitial, namesAThing, nameKey, splitHonorific, surnameKey } from './names.js'

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

interface FullNamePerson {
  key: string
  variants: Map<string, number>
  articles: number[]
  titleWords: Set<string>
  coMentioned: Set<string>
}

type Parsed =
  | { shape: 'thing' }
  | { shape: 'full'; key: string; name: string; titleWords: string[] }
  /** a surname alone, or with an initial ("J Robinson" in a line-up) that the given name must start with */
  | { shape: 'single'; key: string; name: string; titleWords: string[]; initial: string | null }

const ADDRESS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame'])
const titleWordsOf = (titles: string[]) =>
  titles
    .flatMap((t) => t.toLowerCase().split(/\s+/))
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => w.length > 2 && !ADDRESS.has(w))

function parseEntity(e: EntityInput): Parsed {
  const { title, name } = splitHonorific(e.name)
  if (namesAThing(name)) return { shape: 'thing' }
  const titleWords = titleWordsOf(title ? [title, ...e.titles] : e.titles)
  const words = name.split(/\s+/)
  if (words.length === 2 && isInitial(words[0]!))
    return { shape: 'single', key: nameKey(words[1]!), name, titleWords, initial: words[0]![0]!.toLowerCase() }
  const key = nameKey(name)
  return key.includes(' ') ? { shape: 'full', key, name, titleWords } : { shape: 'single', key, name, titleWords, initial: null }
}

const dayNumber = (day: string | null) => (day ? Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000) : null)

/** The most used spelling; ties go to the longer, then the alphabetically first. */
function displayName(variants: Map<string, number>): string {
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
 *   stays unresolved. A word that is nobody's surname is a person known by one name
 *   ("Ronaldinho"). A first name joins only on co-mentioned people.
 * - Editors' decisions are applied last, in order.
 */
export function resolveIdentities(input: ArticleInput[], decisions: IdentityDecision[] = []): Resolution {
  const articles = [...input].sort(byId)
  const parsed = articles.map((a) => a.entities.map(parseEntity))
  const days = articles.map((a) => dayNumber(a.day))

  const fullNames = new Map<string, FullNamePerson>()
  parsed.forEach((entities, ai) => {
    const keys = entities.flatMap((p) => (p.shape === 'full' ? [p.key] : []))
    entities.forEach((p, ei) => {
      if (p.shape !== 'full') return
      // spellings that differ only in punctuation ("Kilroy-Silk", "Kilroy Silk") share a slug: one person
      const slug = slugify(p.key)
      const person =
        fullNames.get(slug) ??
        fullNames.set(slug, { key: p.key, variants: new Map(), articles: [], titleWords: new Set(), coMentioned: new Set() }).get(slug)!
      person.variants.set(p.name, (person.variants.get(p.name) ?? 0) + articles[ai]!.entities[ei]!.mentions)
      if (person.articles.at(-1) !== ai) person.articles.push(ai)
      p.titleWords.forEach((w) => person.titleWords.add(w))
      for (const k of keys) if (slugify(k) !== slug) person.coMentioned.add(slugify(k))
    })
  })
  const index = (keyOf: (key: string) => string) => {
    const map = new Map<string, FullNamePerson[]>()
    for (const person of fullNames.values()) {
      for (const k of new Set([...person.variants.keys()].map((v) => keyOf(v)))) map.set(k, [...(map.get(k) ?? []), person])
    }
    return map
  }
  const bySurname = index(surnameKey)
  const byGivenName = index(givenNameKey)

  const contextEvidence = (c: FullNamePerson, ai: number, titleWords: string[]) => {
    const others = parsed[ai]!.flatMap((p) => (p.shape === 'full' && slugify(p.key) !== slugify(c.key) ? [slugify(p.key)] : []))
    const co = others.filter((k) => c.coMentioned.has(k)).length
    const title = titleWords.some((w) => c.titleWords.has(w)) ? 1 : 0
    const day = days[ai] ?? null
    const section = articles[ai]!.section
    let near = 0
    let sameSection = 0
    for (const other of c.articles) {
      const d = days[other] ?? null
      if (day !== null && d !== null && Math.abs(d - day) <= NEAR_DAYS) near++
      if (section && articles[other]!.section === section) sameSection++
    }
    return { co, score: 4 * co + 2 * title + Math.min(near, 5) + (sameSection > 0 ? 1 : 0) }
  }

  const singleLink = (p: Extract<Parsed, { shape: 'single' }>, ai: number, joinOnly: boolean): EntityLink => {
    const surnameOf = (bySurname.get(p.key) ?? []).filter((c) => !p.initial || c.key.startsWith(p.initial))
    const candidates = surnameOf.length || p.initial ? surnameOf : (byGivenName.get(p.key) ?? [])
    // an initial and a surname that fit one known person are that person ("J Robinson" in a line-up)
    if (p.initial && candidates.length === 1) return { status: 'person', slug: slugify(candidates[0]!.key) }
    // nobody fits: the person is known here only as written ("J Yapp")
    if (p.initial && candidates.length === 0)
      return joinOnly ? { status: 'unresolved' } : { status: 'person', slug: slugify(nameKey(p.name)) }
    if (candidates.length === 0)
      return joinOnly ? { status: 'person', slug: JOIN_ONLY_MONONYM } : { status: 'person', slug: slugify(p.key) }
    const scored = candidates
      .map((c) => ({ c, ...contextEvidence(c, ai, p.titleWords) }))
      .sort((a, b) => b.score - a.score || b.c.articles.length - a.c.articles.length || (a.c.key < b.c.key ? -1 : 1))
    const [best, second] = scored as [(typeof scored)[0], (typeof scored)[0] | undefined]
    const byGiven = surnameOf.length === 0
    if (best.score > 0 && best.score >= DOMINANCE * (second?.score ?? 0) && (!byGiven || best.co > 0))
      return { status: 'person', slug: slugify(best.c.key) }
    if (byGiven || best.score > 0) return { status: 'unresolved' }
    const prominence = [...candidates].sort((a, b) => b.articles.length - a.articles.length)
    const others = prominence.slice(1).reduce((n, c) => n + c.articles.length, 0)
    const top = prominence[0]!
    // the only person of that surname in the corpus is who it is; among several, only a far better known one
    if (candidates.length === 1 || (top.articles.length >= MIN_PRIOR && top.articles.length >= PRIOR_DOMINANCE * others))
      return { status: 'person', slug: slugify(top.key) }
    return { status: 'unresolved' }
  }

  const people = new Map<string, ResolvedPerson>()
  for (const person of fullNames.values())
    people.set(slugify(person.key), { slug: slugify(person.key), name: displayName(person.variants) })
  const mononyms = new Map<string, Map<string, number>>()
  const links = new Map<string, EntityLink[]>()
  parsed.forEach((entities, ai) => {
    const article = articles[ai]!
    const row = entities.map((p, ei): EntityLink => {
      if (p.shape === 'thing') return { status: 'not-person' }
      if (p.shape === 'full') return { status: 'person', slug: slugify(p.key) }
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

  const applied = decisions.map((d) => applyDecision(d, people, links))
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

function applyDecision(d: IdentityDecision, people: Map<string, ResolvedPerson>, links: Map<string, EntityLink[]>): boolean {
  if (!people.has(d.person)) return false
  switch (d.kind) {
    case 'not-a-person':
      people.delete(d.person)
      return relinkPerson(links, d.person, { status: 'not-person' })
    case 'merge': {
      if (!people.has(d.into) || d.into === d.person) return false
      people.delete(d.person)
      return relinkPerson(links, d.person, { status: 'person', slug: d.into })
    }
    case 'rename': {
      const slug = slugify(d.name)
      const current = people.get(d.person)!
      people.delete(d.person)
      people.set(slug, { slug, name: d.name })
      if (slug !== current.slug) relinkPerson(links, d.person, { status: 'person', slug })
      return true
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
