import type { Pronoun } from '../types.js'

/**
 * Given names that only one of two public lists holds (male or female first names in English),
 * minus names known to be used for both: the weak prior of stages/refer-gender.ts. A name in both
 * lists, in neither, or in the ambiguous list gives nothing.
 */
export function buildGivenNamePronouns(male: string[], female: string[], ambiguous: string[]): [string, Pronoun][] {
  const m = new Set(male)
  const f = new Set(female)
  const skip = new Set(ambiguous)
  const one = (names: Set<string>, other: Set<string>, pronoun: Pronoun): [string, Pronoun][] =>
    [...names].filter((n) => n.length >= 2 && !other.has(n) && !skip.has(n)).map((n) => [n, pronoun])
  return [...one(m, f, 'he'), ...one(f, m, 'she')].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}
