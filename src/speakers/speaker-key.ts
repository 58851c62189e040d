import { ACRONYM_MINOR_WORDS, COMPANY_SUFFIXES, declaredForms } from '../identity/organization-aliases.js'
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

/** Every declared form of a party or institution, as a slug, and the key of its body (identity/organization-aliases.ts). */
const DECLARED = declaredForms(slugOf)

/**
 * Drops from the end of a name what does not change which body is meant: a possessive ("Labour's",
 * "the Lib Dems'") and a company suffix ("Microsoft Corp", "Tesco plc", "Apple, Inc.").
 */
function withoutSuffixes(words: string[]): string[] {
  const out = [...words]
  const trim = () => {
    out[out.length - 1] = out
      .at(-1)!
      .replace(/[’']s$/u, '')
      .replace(/(?<=s)[’']$/u, '')
      .replace(/,$/, '')
  }
  trim()
  while (out.length > 1 && COMPANY_SUFFIXES.has(out.at(-1)!.toLowerCase().replace(/\.$/, ''))) {
    out.pop()
    trim()
  }
  return out.filter(Boolean)
}

/**
 * The key an organisation or group speaker is addressed by, or '' when the speaker as written
 * names nobody: a pronoun or stand-in ("It", "they"), a determiner left alone ("The"), or a
 * description made only of common nouns ("the company", "Analysts" opening a sentence, "a report"),
 * which refers to an organisation named elsewhere in the article. "China's Foreign Ministry",
 * "the Kremlin", "Russian officials" and "Microsoft" are addressable. Forms of one body share a
 * key: a leading article, a trailing possessive and a company suffix are dropped ("the Kremlin",
 * "Microsoft Corp's"), and a party's or institution's declared names give its key ("Tories" and
 * "the Conservative Party" are conservative-party; identity/organization-aliases.ts).
 */
export function speakerKeyOf(name: string, type: string): string {
  if (type !== 'organization' && type !== 'group') return ''
  let words = name.normalize('NFKC').trim().split(/\s+/).filter(Boolean)
  while (words.length > 1 && /^(the|a|an)$/i.test(words[0]!)) words.shift()
  if (words.length === 0) return ''
  words = withoutSuffixes(words)
  if (words.length === 0) return ''
  const lowers = words.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, ''))
  if (lowers.length === 1 && isStandIn(lowers[0]!)) return ''
  if (!/\p{Lu}/u.test(words.join(' '))) return ''
  if (lowers.every((w) => isCommonNoun(w) || isStandIn(w))) return ''
  const slug = slugOf(words.join(' '))
  return DECLARED.get(slug) ?? slug
}

const isCapitalised = (token: string) => /^[\p{Lu}\p{N}]/u.test(token)

/** Whether `tokens` spell `letters`: a capitalised word gives its initial (an all-capitals one, all its letters: "UK"), a minor word ("of", "and") its initial or nothing. */
function spells(tokens: string[], letters: string): boolean {
  const [token, ...rest] = tokens
  if (token === undefined) return letters === ''
  const lower = token.toLowerCase()
  if (ACRONYM_MINOR_WORDS.has(lower) && spells(rest, letters)) return true
  if (letters[0] === lower[0] && spells(rest, letters.slice(1))) return true
  return /^\p{Lu}{2,}$/u.test(token) && letters.startsWith(lower) && spells(rest, letters.slice(lower.length))
}

/**
 * The acronyms an article defines the way news writes them, the full name and then the acronym in
 * brackets ("the Confederation of British Industry (CBI)"), as acronym key → full name key: in
 * that article "the CBI said" is the full name's speaker. The full name is the longest run of words
 * before the bracket, in its clause, that starts capitalised and spells the acronym.
 */
export function articleAcronyms(body: string): Map<string, string> {
  const defined = new Map<string, string>()
  for (const m of body.matchAll(/\((\p{Lu}[\p{L}&]{1,9})\)/gu)) {
    const acronym = m[1]!
    if ((acronym.match(/\p{Lu}/gu)?.length ?? 0) < 2) continue
    const clause = body
      .slice(Math.max(0, m.index - 200), m.index)
      .split(/[.;:!?()"“”\n]/u)
      .at(-1)!
    const tokens = clause
      .trim()
      .split(/\s+/)
      .map((t) => t.replace(/,$/, ''))
      .filter(Boolean)
      .slice(-12)
    const letters = acronym.toLowerCase().replace(/[^\p{L}]/gu, '')
    const start = tokens.findIndex(
      (t, i) => isCapitalised(t) && !ACRONYM_MINOR_WORDS.has(t.toLowerCase()) && spells(tokens.slice(i), letters),
    )
    if (start < 0) continue
    const full = speakerKeyOf(tokens.slice(start).join(' '), 'organization')
    const short = speakerKeyOf(acronym, 'organization')
    if (full && short && full !== short) defined.set(short, full)
  }
  return defined
}

/** A speaker's key in its article: speakerKeyOf, with the acronyms the article defines (articleAcronyms) read as their full names. */
export const speakerKeyIn = (name: string, type: string, acronyms: Map<string, string>) => {
  const key = speakerKeyOf(name, type)
  return acronyms.get(key) ?? key
}
