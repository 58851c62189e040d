export interface ConllDoc {
  personMentions: { text: string }[]
  otherEntities: { text: string; type: string }[]
}

/** Names written in Latin script as one capitalised word ("José", "Nguyen", "O'Neill"), as news writes them. */
const LATIN_NAME = /^(?=\p{Script=Latin})\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)?$/u

/** Words CoNLL training text tags as organisations, places or other entities more often than as part of a person name. */
function entityWords(docs: ConllDoc[]): Set<string> {
  const asPerson = new Map<string, number>()
  const asOther = new Map<string, number>()
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  for (const doc of docs) {
    for (const m of doc.personMentions) for (const t of m.text.split(/\s+/)) bump(asPerson, t)
    for (const e of doc.otherEntities) for (const t of e.text.split(/\s+/)) bump(asOther, t)
  }
  return new Set([...asOther].filter(([w, c]) => c > (asPerson.get(w) ?? 0)).map(([w]) => w))
}

/**
 * Given names = public first-name lists (English, and the per-locale lists of many languages),
 * minus words the training text mostly uses for organisations and places. No name is taken from
 * the annotated people themselves: the list must work the same on names the tagger never saw.
 */
export function buildGivenNames(lists: string[], docs: ConllDoc[]): string[] {
  const ambiguous = entityWords(docs)
  return [...new Set(lists.filter((n) => n.length >= 3 && LATIN_NAME.test(n) && !ambiguous.has(n)))].sort()
}

/** Surnames from public per-locale lists, as one capitalised Latin-script word, minus entity-ambiguous words. */
export function buildSurnames(lists: string[], docs: ConllDoc[]): string[] {
  return buildGivenNames(lists, docs)
}
