import { DETERMINERS, GROUP_NOUNS, ORGANIZATION_NOUNS, PRONOUNS_GROUP, PRONOUNS_PERSON } from '../extraction/lexicon/index.js'

/** Words that stand for a speaker without naming one ("It said", "I", "his"), whatever their case. */
const STAND_INS = new Set([
  'it',
  'i',
  'you',
  'one',
  'someone',
  'somebody',
  'some',
  'others',
  'other',
  'many',
  'most',
  'all',
  'both',
  'each',
])
const isStandIn = (lower: string) =>
  STAND_INS.has(lower) || PRONOUNS_PERSON.has(lower) || PRONOUNS_GROUP.has(lower) || DETERMINERS.has(lower)

/** Common nouns of organisations and groups, singular and plural ("the company", "Analysts", "reports"). */
const isCommonNoun = (lower: string) =>
  GROUP_NOUNS.has(lower) ||
  ORGANIZATION_NOUNS.has(lower) ||
  (lower.endsWith('s') && (ORGANIZATION_NOUNS.has(lower.slice(0, -1)) || GROUP_NOUNS.has(lower.slice(0, -1)))) ||
  GROUP_NOUNS.has(`${lower}s`)

/** A name as a URL key: accents, case and punctuation dropped ("Ministère de l’Intérieur" → "ministere-de-l-interieur"). */
export const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')

/**
 * The key an organisation or group speaker is addressed by, or '' when the speaker as written
 * names nobody: a pronoun or stand-in ("It", "they"), a determiner left alone ("The"), or a
 * description made only of common nouns ("the company", "Analysts" opening a sentence, "a report"),
 * which refers to an organisation named elsewhere in the article. "China's Foreign Ministry",
 * "the Kremlin", "Russian officials" and "Microsoft" are addressable; a leading article is dropped
 * so "the Kremlin" and "Kremlin" share a key.
 */
export function speakerKeyOf(name: string, type: string): string {
  if (type !== 'organization' && type !== 'group') return ''
  const words = name.normalize('NFKC').trim().split(/\s+/).filter(Boolean)
  while (words.length > 1 && /^(the|a|an)$/i.test(words[0]!)) words.shift()
  if (words.length === 0) return ''
  const lowers = words.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, ''))
  if (lowers.length === 1 && isStandIn(lowers[0]!)) return ''
  if (!/\p{Lu}/u.test(words.join(' '))) return ''
  if (lowers.every((w) => isCommonNoun(w) || isStandIn(w))) return ''
  return slugOf(words.join(' '))
}
