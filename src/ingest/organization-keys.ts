import type { Prisma } from '../db/prisma.js'
import { chunks, updateRows, type Db } from '../db/sql.js'
import { movedKey, organizationMoves, type OrganizationDecision, type OrganizationMoves } from '../identity/organization-decisions.js'
import { articleAcronyms, speakerKeyIn } from '../speakers/speaker-key.js'

type Tx = Prisma.TransactionClient

/** The kinds of IdentityDecision that are about organisations (the rest are about people). */
export const ORGANIZATION_DECISION_KINDS = ['organization-merge', 'organization-rename'] as const

/** The organisation decisions editors have made, oldest first. */
export async function storedOrganizationDecisions(db: Db): Promise<(OrganizationDecision & { seq: number; createdAt: Date })[]> {
  const rows = await db.identityDecision.findMany({ where: { kind: { in: [...ORGANIZATION_DECISION_KINDS] } }, orderBy: { seq: 'asc' } })
  return rows.map((r) =>
    r.kind === 'organization-rename'
      ? { kind: 'organization-rename', organization: r.person, name: r.name!, into: r.into!, seq: r.seq, createdAt: r.createdAt }
      : { kind: 'organization-merge', organization: r.person, into: r.into!, seq: r.seq, createdAt: r.createdAt },
  )
}

export const storedOrganizationMoves = async (db: Db): Promise<OrganizationMoves> =>
  organizationMoves(await storedOrganizationDecisions(db))

const isOrganization = (type: string) => type === 'organization' || type === 'group'

/** Quote rows with the keys of their organisation speakers moved by editors' decisions. */
export const movedOrganizationKeys = <Q extends { speakerType: string; speakerKey: string | null }>(
  quotes: Q[],
  moves: OrganizationMoves,
): Q[] =>
  moves.moves.size === 0
    ? quotes
    : quotes.map((q) => (isOrganization(q.speakerType) && q.speakerKey ? { ...q, speakerKey: movedKey(moves, q.speakerKey) } : q))

/**
 * The key each organisation or group quote of one article is filed under: its speaker's key in the
 * article (the acronyms it defines read as their full names), then moved by editors' decisions.
 * A quote an editor gave to an organisation keeps that decision's key, moved the same way.
 */
export function organizationKeysOf<
  Q extends { speakerName: string; speakerType: string; speakerKey: string | null; decisionSeq: number | null },
>(body: string, quotes: Q[], moves: OrganizationMoves): Q[] {
  let acronyms: Map<string, string> | undefined
  const keyed = quotes.map((q) =>
    !isOrganization(q.speakerType) || q.decisionSeq !== null
      ? q
      : { ...q, speakerKey: speakerKeyIn(q.speakerName, q.speakerType, (acronyms ??= articleAcronyms(body))) },
  )
  return movedOrganizationKeys(keyed, moves)
}

/**
 * Computes every organisation and group quote's key again, under today's rules and decisions
 * (after an editor's organisation decision, in a full relink, or for keys an older version
 * stored); returns how many quotes changed key.
 */
export async function rekeyOrganizations(tx: Tx): Promise<number> {
  const moves = await storedOrganizationMoves(tx)
  const articles = await tx.quote.findMany({
    where: { speakerType: { in: ['organization', 'group'] } },
    distinct: ['articleSeq'],
    select: { articleSeq: true },
  })
  let changed = 0
  for (const part of chunks(articles.map((a) => a.articleSeq))) {
    const rows = await tx.article.findMany({
      where: { seq: { in: part } },
      select: {
        body: true,
        quotes: {
          where: { speakerType: { in: ['organization', 'group'] } },
          select: { seq: true, speakerName: true, speakerType: true, speakerKey: true, decisionSeq: true },
        },
      },
    })
    // a quote an editor gave to an organisation: the key the decision named, before any move
    const decisionSeqs = rows.flatMap((a) => a.quotes.flatMap((q) => (q.decisionSeq !== null ? [q.decisionSeq] : [])))
    const decisions = decisionSeqs.length
      ? await tx.quoteDecision.findMany({ where: { seq: { in: decisionSeqs } }, select: { seq: true, speakerKey: true } })
      : []
    const decidedKey = new Map(decisions.map((d) => [d.seq, d.speakerKey]))
    const updates: { seq: number; speakerKey: string | null }[] = []
    for (const article of rows) {
      const decided = article.quotes.map((q) =>
        q.decisionSeq !== null ? { ...q, speakerKey: decidedKey.get(q.decisionSeq) ?? q.speakerKey } : q,
      )
      organizationKeysOf(article.body, decided, moves).forEach((q, i) => {
        if (q.speakerKey !== article.quotes[i]!.speakerKey) updates.push({ seq: q.seq, speakerKey: q.speakerKey })
      })
    }
    await updateRows(tx, 'Quote', ['seq'], ['speakerKey'], updates)
    changed += updates.length
  }
  return changed
}

/** The key `key` (a slug as written or an old one) is filed under now, if some quote has it. */
export async function organizationKeyNow(db: Db, key: string): Promise<string | null> {
  const slug = movedKey(await storedOrganizationMoves(db), key.toLowerCase())
  const quote = await db.quote.findFirst({
    where: { speakerKey: slug, speakerType: { in: ['organization', 'group'] } },
    select: { seq: true },
  })
  return quote ? slug : null
}
