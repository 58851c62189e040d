export interface ConllDoc {
  personMentions: { text: string }[]
  otherEntities: { text: string; type: string }[]
}

/** Given names = English first-name lists + first tokens of multi-word CoNLL person names, minus entity-ambiguous tokens. */
export function buildGivenNames(english: string[], docs: ConllDoc[]): string[] {
  const asPersonFirst = new Map<string, number>()
  const asOtherEntity = new Map<string, number>()
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  for (const doc of docs) {
    for (const m of doc.personMentions) {
      const tokens = m.text.split(/\s+/)
      if (tokens.length >= 2 && /^\p{Lu}\p{Ll}+$/u.test(tokens[0]!)) bump(asPersonFirst, tokens[0]!)
    }
    for (const e of doc.otherEntities) for (const t of e.text.split(/\s+/)) bump(asOtherEntity, t)
  }
  const names = new Set<string>()
  for (const n of english) if (n.length >= 3 && !asOtherEntity.has(n)) names.add(n)
  for (const [n, c] of asPersonFirst) if (c > (asOtherEntity.get(n) ?? 0)) names.add(n)
  return [...names].sort()
}
