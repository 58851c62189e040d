import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import { runBin } from '../helpers/ingest-cli.js'

const BODY = `Transport minister Ann Lee said on Monday that the harbour plan would create 400 jobs. "We are ready to start building next spring," Lee said.

Opposition leader Tom Baker called the plan a mistake. "It will cost far more than the government admits," Baker said.`

let dir: string
let db: string
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-quotes-cli-'))
  db = join(dir, 'cli.db')
  copyFileSync(inject('templateDb'), db)
  writeFileSync(join(dir, 'harbour.json'), JSON.stringify({ title: 'Harbour plan divides council', body: BODY, publishedAt: '2024-05-06' }))
  const run = await runBin(['ingest', '--workers', '0', '--database', db, join(dir, 'harbour.json')])
  expect(run.code, run.stderr).toBe(0)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))
// each run of the CLI is a process of its own (a few seconds on a busy machine)

/** What the database says of the quotes and people, read directly. */
function state() {
  const sqlite = new Database(db, { readonly: true })
  try {
    const quotes = sqlite
      .prepare(
        'SELECT q."id", q."content", q."decisionSeq", p."slug" FROM "Quote" q LEFT JOIN "Person" p ON p."id" = q."personId" ORDER BY q."position"',
      )
      .all() as { id: string; content: string; decisionSeq: number | null; slug: string | null }[]
    const counts = Object.fromEntries(
      (sqlite.prepare('SELECT "slug", "quoteCount" FROM "Person"').all() as { slug: string; quoteCount: number }[]).map((p) => [
        p.slug,
        p.quoteCount,
      ]),
    )
    const article = sqlite.prepare('SELECT "quoteCount" FROM "Article"').get() as { quoteCount: number }
    return { quotes, counts, articleQuotes: article.quoteCount }
  } finally {
    sqlite.close()
  }
}

describe('newsdesk quotes', () => {
  it('reassigns and rejects quotes, lists the decisions and revokes them', async () => {
    const before = state()
    const cost = before.quotes.find((q) => q.content.startsWith('It will cost'))!
    const ready = before.quotes.find((q) => q.content.startsWith('We are ready'))!
    expect(cost.slug).toBe('tom-baker')

    const reassign = await runBin(['quotes', 'reassign', cost.id, '--person', 'ann-lee', '--note', 'Lee said it', '--database', db])
    expect(reassign.stderr).toBe('')
    expect(reassign.stdout).toBe(`decision 1: quote ${cost.id} is said by Ann Lee (ann-lee)\n`)
    const reject = await runBin(['quotes', 'reject', ready.id, '--database', db, '--json'])
    expect(JSON.parse(reject.stdout)).toMatchObject({ seq: 2, kind: 'reject', quote: { id: ready.id }, speaker: null, note: null })
    let now = state()
    expect(now.quotes.map((q) => q.id)).not.toContain(ready.id)
    expect(now.quotes.find((q) => q.id === cost.id)).toMatchObject({ slug: 'ann-lee', decisionSeq: 1 })
    expect(now.counts).toMatchObject({ 'ann-lee': 2, 'tom-baker': 0 })
    expect(now.articleQuotes).toBe(before.articleQuotes - 1)

    const list = await runBin(['quotes', 'decisions', '--database', db])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^   1  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  quote ${cost.id} is said by Ann Lee \\(ann-lee\\)  \\(Lee said it\\)$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^   2  .*Z  quote ${ready.id} is not a quote$`)),
    ])
    const json = await runBin(['quotes', 'decisions', '--json', '--database', db])
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual([1, 2])

    // re-extraction keeps both decisions
    expect((await runBin(['ingest', '--reextract', '--all', '--workers', '0', '--database', db])).code).toBe(0)
    expect(state()).toEqual(now)

    expect((await runBin(['quotes', 'revoke', '2', '--database', db])).stdout).toMatch(
      /^revoked decision 2; article \w+ extracted again\n$/,
    )
    expect((await runBin(['quotes', 'revoke', '1', '--database', db])).code).toBe(0)
    now = state()
    expect(now.quotes.map((q) => [q.id, q.slug, q.decisionSeq])).toEqual(before.quotes.map((q) => [q.id, q.slug, null]))
    expect(now.counts).toEqual(before.counts)
    expect((await runBin(['quotes', 'decisions', '--database', db])).stdout).toBe('no decisions\n')
  }, 120_000)

  it('refuses in one line with a nonzero exit: unknown quote, person, organisation or decision, and usage errors', async () => {
    const [quote] = state().quotes
    const refused = async (args: string[], code: number, line: RegExp) => {
      const run = await runBin(['quotes', ...args, '--database', db])
      expect(run.code, args.join(' ')).toBe(code)
      expect(run.stderr).toMatch(line)
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    }
    await refused(['reassign', 'no-such-quote', '--person', 'ann-lee'], 1, /^quotes reassign: no quote "no-such-quote"\n$/)
    await refused(['reassign', quote!.id, '--person', 'nobody'], 1, /^quotes reassign: no person "nobody"\n$/)
    await refused(['reassign', quote!.id, '--organization', 'no-such-body'], 1, /^quotes reassign: no organisation "no-such-body"\n$/)
    await refused(['reassign', quote!.id], 2, /^quotes reassign: give one of --person or --organization\n$/)
    await refused(['reassign', quote!.id, '--person', 'ann-lee', '--organization', 'x'], 2, /one of --person or --organization/)
    await refused(['revoke', '7'], 1, /^quotes revoke: no decision number 7 \(see: newsdesk quotes decisions\)\n$/)
    expect((await runBin(['quotes', 'reject', quote!.id, '--database', db])).code).toBe(0)
    await refused(
      ['reject', quote!.id],
      1,
      /^quotes reject: quote "\w+" was rejected as not a quote by decision 1 \(revoke it first: newsdesk quotes revoke 1\)\n$/,
    )
  }, 120_000)
})
