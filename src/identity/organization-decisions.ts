/**
 * Editors' decisions on organisations (stored with the people's, as IdentityDecision rows of kind
 * organization-merge and organization-rename): what each makes of an organisation key.
 */
export type OrganizationDecision =
  | { kind: 'organization-merge'; organization: string; into: string }
  | { kind: 'organization-rename'; organization: string; name: string; into: string }

/** What the decisions make of keys: where each moved key's quotes go, and the names editors gave. */
export interface OrganizationMoves {
  /** key → the key its quotes are filed under now (never itself, never a moved key) */
  moves: Map<string, string>
  /** key → the name an editor gave it */
  names: Map<string, string>
}

/**
 * Applies the decisions oldest first. A merge files one key under another; a rename gives a key a
 * name and files it under that name's slug (the old one redirects). A later decision wins: filing a
 * key under one that had moved brings that one back ("rename a to B", then "rename b to A" leaves
 * both at a), so the moves never form a cycle and one lookup gives the key now.
 */
export function organizationMoves(decisions: OrganizationDecision[]): OrganizationMoves {
  const moves = new Map<string, string>()
  const names = new Map<string, string>()
  for (const d of decisions) {
    if (d.kind === 'organization-rename') names.set(d.into, d.name)
    if (d.organization === d.into) continue
    moves.delete(d.into)
    for (const [from, to] of moves) if (to === d.organization) moves.set(from, d.into)
    moves.set(d.organization, d.into)
  }
  return { moves, names }
}

/** The key `key` is filed under now. */
export const movedKey = (m: OrganizationMoves, key: string) => m.moves.get(key) ?? key
