import { NEWS_AGENCIES } from '../lexicon/news-agencies.js'

/** The opening of a story that says where it was filed and by whom: "MOSCOW (AP) —". */
export interface Dateline {
  /** the characters it takes, its dash and the spaces after included */
  length: number
  /** the credit in parentheses, as written, when it is a news agency */
  agency: string | null
}

/** "MOSCOW (AP) ", "WASHINGTON, Dec. 3 (Reuters) - ", "BERLIN (dpa) - ": a place, a credit in parentheses, maybe a dash. */
const CREDITED = /^\p{Lu}[\p{Lu}\p{M} .,'-]*?(?:,? [\p{L}. \d]+)? ?\((?<credit>[\p{L}. -]{1,30})\)(?<dash> ?[-—–]+)? +/u
/** "LONDON -- ", "NEW YORK, May 2 — ": capitals and a dash. */
const UNCREDITED = /^\p{Lu}[\p{Lu}\p{M} .'-]{2,}(?:, [\p{L}. \d]+)? ?[-—–]+ +/u
/**
 * A US broadcaster's call sign (K west of the Mississippi, W east; "KTLA", "WJW-TV"): local
 * stations credit themselves in their datelines. Only before a dash, as a dateline has one, since
 * "World Health Organization (WHO) said" has the same shape.
 */
const CALL_SIGN = /^[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?$/

const isAgency = (credit: string, dashed: boolean) => NEWS_AGENCIES.has(credit.trim().toLowerCase()) || (dashed && CALL_SIGN.test(credit))

/**
 * The dateline a story's first paragraph opens with, or null. A parenthesis after the opening
 * capitals makes one only when it credits a news agency: an organisation's abbreviation there
 * ("General Motors (GM) has…", "UK Independence Party (UKIP) candidate…") opens a sentence.
 */
export function findDateline(paragraph: string): Dateline | null {
  const credited = CREDITED.exec(paragraph)
  if (credited && isAgency(credited.groups!.credit!, credited.groups!.dash !== undefined))
    return { length: credited[0].length, agency: credited.groups!.credit!.trim() }
  const plain = UNCREDITED.exec(paragraph)
  return plain ? { length: plain[0].length, agency: null } : null
}
