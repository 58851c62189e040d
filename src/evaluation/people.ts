import { extract } from '../extraction/pipeline.js'
import { matchSpans, prf, type PRF } from './match.js'

export interface PeopleDoc {
  id: string
  text: string
  people: string[]
  personMentions: { text: string; start: number; end: number }[]
}

export interface PeopleDocReport {
  id: string
  sportsTable: boolean
  mentions: { tp: number; fp: number; fn: number }
  names: { tp: number; fp: number; fn: number }
  missed: string[]
  spurious: string[]
}

/**
 * CoNLL-2003 sports results are tables of bare surnames and scores; they are scored apart so the
 * figure for running text is visible. A document is a table when most of its lines hold numbers.
 */
export function isSportsTable(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim())
  const numeric = lines.filter((l) => (l.match(/\b\d+\b/g) ?? []).length >= 2)
  return lines.length > 3 && numeric.length / lines.length > 0.5
}

/** Gold distinct names with the short forms of longer ones folded in ("Simmons" into "Phil Simmons"). */
function distinctGoldNames(names: string[]): Set<string> {
  const full = names.filter(
    (n) => !names.some((o) => o !== n && o.split(' ').length > n.split(' ').length && n.split(' ').every((t) => o.split(' ').includes(t))),
  )
  return new Set(full)
}

export function scorePeopleDoc(doc: PeopleDoc): PeopleDocReport {
  const extraction = extract({ title: '', body: doc.text })
  const predicted = extraction.people.flatMap((p) => p.mentions.filter((m) => m.kind === 'name' || m.kind === 'alias'))
  const gold = doc.personMentions
  // exact span: a pair counts only when both ends agree
  const { pairs } = matchSpans(gold, predicted, 1)
  const exact = pairs.filter(([g, p]) => g.start === p.start && g.end === p.end)
  const goldNames = distinctGoldNames(doc.people)
  const predictedNames = new Set(extraction.people.map((p) => p.name))
  const nameTp = [...predictedNames].filter((n) => goldNames.has(n)).length
  return {
    id: doc.id,
    sportsTable: isSportsTable(doc.text),
    mentions: { tp: exact.length, fp: predicted.length - exact.length, fn: gold.length - exact.length },
    names: { tp: nameTp, fp: predictedNames.size - nameTp, fn: goldNames.size - nameTp },
    missed: gold.filter((g) => !exact.some(([x]) => x === g)).map((g) => g.text),
    spurious: predicted.filter((p) => !exact.some(([, x]) => x === p)).map((p) => doc.text.slice(p.start, p.end)),
  }
}

export function scorePeopleCorpus(docs: PeopleDoc[]) {
  const reports = docs.map(scorePeopleDoc)
  const total = (rs: PeopleDocReport[], k: 'mentions' | 'names'): PRF =>
    prf(
      rs.reduce((n, r) => n + r[k].tp, 0),
      rs.reduce((n, r) => n + r[k].fp, 0),
      rs.reduce((n, r) => n + r[k].fn, 0),
    )
  const text = reports.filter((r) => !r.sportsTable)
  return {
    reports,
    all: { mentions: total(reports, 'mentions'), names: total(reports, 'names'), docs: reports.length },
    withoutTables: { mentions: total(text, 'mentions'), names: total(text, 'names'), docs: text.length },
  }
}
