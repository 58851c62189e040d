import { DEMONYMS, DESCRIPTION_NOUNS, GIVEN_NAMES, LEADER_TITLES } from '../lexicon/index.js'
import type { Mention, PersonEntity, Token } from '../types.js'
import type { NameCandidate } from './find-people.js'
import { isNameWord } from './find-people.js'
import { firstStartingAt } from '../spans.js'

interface Cluster {
  tagged: boolean
  names: Map<string, number>
  tokens: Set<string>
  titles: string[]
  aliases: Set<string>
  mentions: Mention[]
}

const fullNameOf = (c: Cluster) =>
  [...c.names.entries()].sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || b[1] - a[1])[0]![0]

/** True when `short` names the same person as `long`: its tokens are a subsequence of the long name's. */
const isPartOf = (short: string[], long: string[]) => short.length < long.length && short.every((t) => long.includes(t))

/** Groups name candidates into people: "Putin" and "President Putin" join "Vladimir Putin". */
export function clusterCandidates(candidates: NameCandidate[]): Cluster[] {
  const ordered = [...candidates].sort((a, b) => b.tokens.length - a.tokens.length || a.start - b.start)
  const clusters: Cluster[] = []
  // the clusters holding a name with a given word: a candidate can only join those of its first word
  const byWord = new Map<string, Set<Cluster>>()
  for (const c of ordered) {
    const candidatesOf = [...new Set([...(byWord.get(c.tokens[0] ?? '') ?? []), ...(byWord.get(c.name.split(' ')[0]!) ?? [])])]
    const matches = candidatesOf.filter((cl) => cl.names.has(c.name) || [...cl.names.keys()].some((n) => isPartOf(c.tokens, n.split(' '))))
    // a partial name that fits two different people is left to the nearest-mention pass
    const cluster = matches.length === 1 ? matches[0]! : matches.length === 0 ? null : undefined
    if (cluster === undefined) continue
    const target: Cluster = cluster ?? { tagged: false, names: new Map(), tokens: new Set(), titles: [], aliases: new Set(), mentions: [] }
    if (!cluster) clusters.push(target)
    target.names.set(c.name, (target.names.get(c.name) ?? 0) + 1)
    for (const w of [...c.tokens, ...c.name.split(' ')]) (byWord.get(w) ?? byWord.set(w, new Set()).get(w)!).add(target)
    target.tagged ||= c.evidence === 'tagger'
    c.tokens.forEach((t) => target.tokens.add(t))
    if (c.title) target.titles.push(c.title)
    target.mentions.push({ start: c.start, end: c.end, text: c.name, kind: 'name' as const })
    if (c.titled && target.names.size > 0) target.aliases.add(c.titled)
  }
  return clusters
}

/** Keeps the most specific titles: "President" is dropped when "Russian President" is there. */
export function specificTitles(titles: string[]): string[] {
  // an honorific ("Mr", "Mrs.") addresses a person; it is no title or role
  const unique = [...new Set(titles)].filter((t) => !/^(Mr|Mrs|Ms|Miss|Mx|Sir|Dame)\.?$/.test(t))
  return unique.filter((t) => !unique.some((o) => o !== t && o.toLowerCase().endsWith(' ' + t.toLowerCase())))
}

/** Short forms ("Putin", "Xi", "Suu Kyi") of people already named in full, resolved to one person. */
function aliasMentions(tokens: Token[], clusters: Cluster[], taken: Set<number>): void {
  // the full names of people named in full, and for each word the clusters whose names hold it
  const fullName = new Map(clusters.map((c) => [c, fullNameOf(c)]))
  const byWord = new Map<string, Cluster[]>()
  for (const c of clusters) {
    if (!fullName.get(c)!.includes(' ')) continue
    for (const w of c.tokens) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(c)
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (taken.has(t.start) || !isNameWord(t.text)) continue
    const named = byWord.get(t.text) ?? []
    // a word shared by two names goes to the one whose surname it is ("Lebed": Alexander Lebed)
    const bySurname = named.filter((c) => fullName.get(c)!.split(' ').at(-1) === t.text)
    const owners = named.length > 1 && bySurname.length === 1 ? bySurname : named
    if (owners.length !== 1) continue
    const owner = owners[0]!
    // take the longest run of consecutive words of that name
    let j = i + 1
    while (
      j < tokens.length &&
      tokens[j]!.sentence === t.sentence &&
      !taken.has(tokens[j]!.start) &&
      owner.tokens.has(tokens[j]!.text) &&
      tokens[j]!.text !== t.text
    )
      j++
    const last = tokens[j - 1]!
    owner.mentions.push({
      start: t.start,
      end: last.end,
      text: tokens
        .slice(i, j)
        .map((x) => x.text)
        .join(' '),
      kind: 'alias',
    })
    for (let k = i; k < j; k++) taken.add(tokens[k]!.start)
    i = j - 1
  }
}

const DESCRIPTION = /\b[Tt]he ((?:[A-Z][a-z]+ )?)([a-z]+)\b/g

/**
 * "the Russian leader", "the president": a description refers to a person of the article when
 * exactly one person's titles fit its noun (a leader is a head of state or government) and its
 * nationality adjective.
 */
export function descriptionReferent(adjective: string, noun: string, titles: string[][]): number | null {
  const fits = titles.map((ts) =>
    ts.some((title) => {
      const words = title.toLowerCase().split(/\s+/)
      const nounFits =
        noun === 'leader'
          ? words.some((w) => LEADER_TITLES.has(w)) && !words.includes('deputy') && !words.includes('opposition')
          : words.includes(noun)
      return nounFits && (!adjective || title.includes(adjective))
    }),
  )
  const hits = fits.flatMap((f, i) => (f ? [i] : []))
  return hits.length === 1 ? hits[0]! : null
}

function descriptionMentions(body: string, clusters: Cluster[], titles: string[][]): void {
  for (const m of body.matchAll(DESCRIPTION)) {
    const adjective = m[1]!.trim()
    const noun = m[2]!
    if (!DESCRIPTION_NOUNS.has(noun) || (adjective && !DEMONYMS.has(adjective))) continue
    const who = descriptionReferent(adjective, noun, titles)
    if (who === null) continue
    clusters[who]!.mentions.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'description' })
    clusters[who]!.aliases.add(m[0].replace(/^The/, 'the'))
  }
}

/** Merges name candidates into the people of one article, with aliases, titles and every mention. */
/**
 * "Mr Fallon" or "Fallon" named in full where no rule found the name ("Conservative Michael
 * Fallon", "MSP Karen Whitefield"): a known given name written directly before the surname
 * elsewhere in the article is the person's first full mention, when the article gives only one.
 */
function fullNameMentions(body: string, tokens: Token[], clusters: Cluster[], taken: Set<number>): void {
  for (const c of clusters) {
    const surname = fullNameOf(c)
    if (surname.includes(' ')) continue
    const found: { given: string; start: number; end: number; tokens: number[] }[] = []
    for (let k = 1; k < tokens.length; k++) {
      const t = tokens[k]!
      const before = tokens[k - 1]!
      if (t.text !== surname || taken.has(t.start) || taken.has(before.start)) continue
      if (before.sentence !== t.sentence || body.slice(before.end, t.start) !== ' ' || !GIVEN_NAMES.has(before.text)) continue
      found.push({ given: before.text, start: before.start, end: t.end, tokens: [before.start, t.start] })
    }
    if (found.length === 0 || new Set(found.map((f) => f.given)).size > 1) continue
    const name = `${found[0]!.given} ${surname}`
    for (const f of found) {
      c.names.set(name, (c.names.get(name) ?? 0) + 1)
      c.mentions.push({ start: f.start, end: f.end, text: name, kind: 'name' })
      f.tokens.forEach((t) => taken.add(t))
    }
  }
}

export function resolvePeople(body: string, tokens: Token[], candidates: NameCandidate[]): PersonEntity[] {
  // a one-word name stands alone only with a title or the tagger's word for it ("Clinton said")
  const clusters = clusterCandidates(candidates).filter((c) => c.titles.length > 0 || c.tagged || fullNameOf(c).includes(' '))
  // the tokens inside the clusters' mentions (tokens are in text order: a binary search finds the first)
  const taken = new Set<number>()
  for (const c of clusters)
    for (const m of c.mentions)
      for (let k = firstStartingAt(tokens, m.start); k < tokens.length && tokens[k]!.end <= m.end; k++) taken.add(tokens[k]!.start)
  aliasMentions(tokens, clusters, taken)
  fullNameMentions(body, tokens, clusters, taken)
  const titles = clusters.map((c) => specificTitles(c.titles))
  descriptionMentions(body, clusters, titles)
  return clusters
    .map((c, i) => {
      const name = fullNameOf(c)
      const aliases = new Set(c.aliases)
      for (const m of c.mentions) if (m.kind !== 'description' && m.text !== name) aliases.add(m.text)
      for (const n of c.names.keys()) if (n !== name) aliases.add(n)
      return {
        name,
        aliases: [...aliases].filter((a) => a !== name && !a.endsWith(' ' + name)),
        titles: titles[i]!,
        mentions: c.mentions
          .map((m) => (m.kind === 'name' && m.text !== name ? { ...m, kind: 'alias' as const } : m))
          .sort((a, b) => a.start - b.start),
      }
    })
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start)
}
