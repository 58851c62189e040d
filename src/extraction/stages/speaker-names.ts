import { GIVEN_NAMES, NON_PERSON_HEADS, ROLE_NOUNS, TITLE_WORDS } from '../lexicon/index.js'
import type { PersonEntity, Span } from '../types.js'
import { overlaps } from '../spans.js'
import type { QuoteCandidate } from './find-quotes.js'

/**
 * The part of a speaker phrase that names the speaker: an apposition or a relative clause after it
 * describes the speaker and is not part of the name ("Mike German, leader of the Liberal Democrats",
 * "Heineken, which also owns Amstel", "Tory MP Michael Mates, who sits on the committee").
 */
export function speakerHead(body: string, speaker: Span): Span {
  const text = body.slice(speaker.start, speaker.end)
  // a list of names is one speaker phrase ("The US, Canada, Australia and Britain")
  const items = text.replace(/^[Tt]he\s+/, '').split(/,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
  if (items.length > 2 && items.every((w) => /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}$/u.test(w))) return speaker
  const cut = /,|\s\(|\s+(?:who|which|whose|that)\s/.exec(text)
  if (!cut || cut.index === 0) return speaker
  const end = speaker.start + text.slice(0, cut.index).trimEnd().length
  return { start: speaker.start, end }
}

const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Prof)\.?$/
/** Words after which a capitalised word is still part of an organisation, not a person's name. */
const ORGANIZATION_END =
  /^(?:Ltd|Inc|Corp|Co|Plc|PLC|LLC|Group|Holdings|Bank|Party|Council|Committee|Ministry|Department|Office|University|Association|Union|Agency|Fund|Trust|Foundation|Institute)\.?$/

/** A person's name a speaker phrase ends with: a given name and one or two more capitalised words. */
function nameAtEnd(words: string[]): { from: number; honorific: boolean } | null {
  let from = words.length
  while (from > 0 && /^\p{Lu}[\p{L}'’-]*\.?$/u.test(words[from - 1]!) && !TITLE_WORDS.has(words[from - 1]!)) from--
  const name = words.slice(from)
  if (name.length === 0 || name.some((w) => ORGANIZATION_END.test(w))) return null
  if (from > 0 && HONORIFIC.test(words[from - 1]!) && name.length <= 2) return { from, honorific: true }
  // the words before the name are a role or title ("Tory MP", "trade minister") or nothing
  const before = words.slice(0, from)
  const roleBefore =
    before.length === 0 ||
    before.every((w) => TITLE_WORDS.has(w) || ROLE_NOUNS.has(w.toLowerCase()) || /^\p{Ll}/u.test(w) || /^\p{Lu}+$/u.test(w))
  if (name.length >= 2 && name.length <= 3 && GIVEN_NAMES.has(name[0]!) && roleBefore && !NON_PERSON_HEADS.has(name[0]!))
    return { from, honorific: false }
  return null
}

/**
 * People a speaker phrase names that name-finding missed: a surname that is also a word ("Mike
 * German", "Mike Lake") is still a person's name when a given name opens it and it speaks; an
 * honorific ("Mr German") names a person, the one of that surname when the article has them.
 * Returns the people with these added (as new people or as mentions of the known ones).
 */
export function speakerPeople(body: string, people: PersonEntity[], candidates: QuoteCandidate[]): PersonEntity[] {
  // people are copied only when a mention joins them: most articles change nobody
  const result = [...people]
  const ordered = [...candidates].filter((q) => q.speaker).sort((a, b) => a.speaker!.start - b.speaker!.start)
  for (const q of ordered) {
    const head = speakerHead(body, q.speaker!)
    if (result.some((p) => p.mentions.some((m) => overlaps(m, head)))) continue
    const text = body.slice(head.start, head.end)
    const words = text.split(/\s+/)
    const found = nameAtEnd(words)
    if (!found) continue
    const name = words.slice(found.from).join(' ')
    const start = head.start + text.lastIndexOf(name)
    const surname = name.split(' ').at(-1)!
    const k = result.findIndex((p) => p.name === name || (found.honorific && p.name.split(' ').at(-1) === surname && p.name.includes(' ')))
    const known = result[k]
    const mention = {
      start,
      end: start + name.length,
      text: name,
      kind: known && known.name !== name ? ('alias' as const) : ('name' as const),
    }
    if (known) result[k] = { ...known, mentions: [...known.mentions, mention].sort((a, b) => a.start - b.start) }
    else {
      const titled = found.honorific ? `${words[found.from - 1]} ${name}` : null
      result.push({ name, aliases: titled ? [titled] : [], titles: [], mentions: [mention] })
    }
  }
  return result
}
