import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runOrganizationsCommand } from '../../src/cli/organizations-command.js'
import { runPeopleCommand } from '../../src/cli/people-command.js'
import { ensureMigrated } from '../../src/db/migrate.js'
import { createPrisma } from '../../src/db/prisma.js'
import { ingestPaths, reextractAll } from '../../src/ingest/ingest.js'
import { relink } from '../../src/ingest/relink.js'
import { createTestContext, scratchFiles, type TestContext } from '../helpers/context.js'
import { testDialect } from '../helpers/databases.js'

/** Parties, institutions and companies, each written two ways; an acronym defined in one article. */
let ctx: TestContext
const write = scratchFiles('newsdesk-organizations-')
const get = (url: string) => request(ctx.app.server).get(url)

beforeAll(async () => {
  ctx = await createTestContext()
  await ctx.ingest(
    write(
      'tax.txt',
      'Tax plans criticised\nThe plans would hurt families, the Tories said on Monday. "This is a tax on work," the Conservative Party said in a statement.',
    ),
    write(
      'coalition.txt',
      'Coalition talks\n"We will not prop up this government," the Lib Dems said. The Liberal Democrats said talks had ended.',
    ),
    write(
      'business.txt',
      'Business warns\nThe Confederation of British Industry (CBI) said growth would slow. "Firms are worried," the CBI said.',
    ),
    write(
      'software.txt',
      'Software deal\n"We are pleased with the deal," Microsoft Corp said. Microsoft said the deal would close in June.',
    ),
    write('canberra.txt', 'Canberra\nThe Labor Party said it would win. Labour said it was confident too.'),
  )
})
afterAll(() => ctx.close())

const organizations = async () =>
  new Map(
    ((await get('/organizations?limit=100').expect(200)).body.data as { slug: string; quoteCount: number }[]).map((o) => [
      o.slug,
      o.quoteCount,
    ]),
  )

/** Runs `newsdesk organizations …` on the test's database; returns the exit code and what it printed. */
async function organizationsCommand(...argv: string[]) {
  const out: string[] = []
  const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), isTTY: false, env: { DATABASE_URL: ctx.url } }
  const code = await runOrganizationsCommand(argv, io)
  await ctx.readStore.catchUp()
  return { code, out }
}

describe('organisations by their common forms', () => {
  it('lists each body once, whichever of its names the articles used', async () => {
    const listed = await organizations()
    expect(
      Object.fromEntries(
        ['conservative-party', 'liberal-democrats', 'confederation-of-british-industry', 'microsoft'].map((s) => [s, listed.get(s)]),
      ),
    ).toEqual({
      'conservative-party': 2,
      'liberal-democrats': 2,
      'confederation-of-british-industry': 2,
      microsoft: 2,
    })
    for (const split of ['tories', 'lib-dems', 'cbi', 'microsoft-corp']) expect(listed.has(split)).toBe(false)
    // Australia's Labor Party is not the UK's Labour
    expect([listed.get('labor-party'), listed.get('labour-party')]).toEqual([1, 1])
  })

  it('shows every written form of the merged record', async () => {
    const res = await get('/organizations/conservative-party').expect(200)
    expect(res.body.names.map((n: { name: string }) => n.name).sort()).toEqual(['Conservative Party', 'Tories'])
    const quotes = await get('/organizations/conservative-party/quotes').expect(200)
    expect(quotes.body.data).toHaveLength(2)
    for (const q of quotes.body.data) expect(q.speaker.organization).toEqual({ slug: 'conservative-party' })
  })
})

describe("editors' organisation decisions", () => {
  it('merge, rename and revoke through `newsdesk organizations`, and hold through new articles and re-extraction', async () => {
    await ctx.ingest(write('cbi.txt', 'Wages\nPay must rise, the CBI said on Tuesday.'))
    expect((await organizations()).get('cbi')).toBe(1)

    const merged = await organizationsCommand('merge', 'cbi', 'confederation-of-british-industry')
    expect(merged).toEqual({ code: 0, out: ['organisations: 1 quote filed under another organisation'] })
    const moved = await get('/organizations/cbi/quotes?limit=5').expect(301)
    expect(moved.headers.location).toBe('/organizations/confederation-of-british-industry/quotes?limit=5')
    expect((await get('/organizations/CBI').expect(301)).headers.location).toBe('/organizations/confederation-of-british-industry')
    const record = (await get('/organizations/confederation-of-british-industry').expect(200)).body
    expect(record.quoteCount).toBe(3)
    expect(record.names.map((n: { name: string }) => n.name)).toContain('CBI')

    // a new article's "CBI" lands on the merged record; re-extraction keeps the decision
    await ctx.ingest(write('cbi-2.txt', 'Exports\nExports are falling, the CBI said.'))
    expect((await organizations()).get('confederation-of-british-industry')).toBe(4)
    await reextractAll(ctx.prisma, { all: true })
    await ctx.readStore.catchUp()
    expect((await organizations()).get('confederation-of-british-industry')).toBe(4)
    expect((await organizations()).has('cbi')).toBe(false)

    const renamed = await organizationsCommand('rename', 'microsoft', 'Microsoft Corporation')
    expect(renamed.code).toBe(0)
    expect((await get('/organizations/microsoft').expect(301)).headers.location).toBe('/organizations/microsoft-corporation')
    expect((await get('/organizations/microsoft-corporation').expect(200)).body).toMatchObject({
      name: 'Microsoft Corporation',
      quoteCount: 2,
    })

    const listed = await organizationsCommand('decisions')
    expect(listed.out).toEqual([
      expect.stringMatching(/^ +\d+ {2}\S+Z {2}merge organisation cbi into confederation-of-british-industry$/),
      expect.stringMatching(/rename organisation microsoft to "Microsoft Corporation"$/),
    ])
    const seq = listed.out[0]!.trim().split(/\s+/)[0]!
    // one table, two lists: people's commands neither list nor revoke an organisation's decision
    const people: string[] = []
    const io = { out: (l: string) => people.push(l), err: (l: string) => people.push(l), isTTY: false, env: { DATABASE_URL: ctx.url } }
    expect(await runPeopleCommand(['decisions'], io)).toBe(0)
    expect(people).toEqual(['no decisions'])
    expect(await runPeopleCommand(['revoke', seq], io)).toBe(1)

    expect((await organizationsCommand('revoke', seq)).code).toBe(0)
    await get('/organizations/cbi').expect(200)
    expect((await organizations()).get('confederation-of-british-industry')).toBe(2)
    expect((await organizationsCommand('revoke', seq)).code).toBe(1)
  })

  it('refuses a decision on an organisation nobody is quoted as, or two names of one', async () => {
    expect((await organizationsCommand('merge', 'nobody', 'microsoft-corporation')).out).toEqual([
      'organizations merge: no organisation "nobody"',
    ])
    expect((await organizationsCommand('merge', 'tories', 'conservative-party')).code).toBe(1)
    expect((await organizationsCommand('rename', 'conservative-party', '!!!')).out).toEqual(['organizations rename: "!!!" is not a name'])
  })
})

describe('keys stored by an older version', () => {
  it('are computed again by a full relink (newsdesk ingest --relink)', async () => {
    await ctx.prisma.quote.updateMany({ where: { speakerName: 'Tories' }, data: { speakerKey: 'tories' } })
    await relink(ctx.prisma)
    await ctx.readStore.catchUp()
    expect((await organizations()).get('conservative-party')).toBe(2)
  })

  it.skipIf(testDialect() === 'postgres')('are computed again by the migration (SQLite)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newsdesk-rekey-')), 'old.db')
    await ensureMigrated(`file:${file}`)
    const prisma = await createPrisma(`file:${file}`)
    try {
      const outcomes = []
      for await (const o of ingestPaths(prisma, [write('old.txt', 'Old keys\nThe plans would hurt families, the Tories said on Monday.')]))
        outcomes.push(o)
      expect(outcomes).toHaveLength(1)
      await prisma.quote.updateMany({ where: { speakerName: 'Tories' }, data: { speakerKey: 'tories' } })
    } finally {
      await prisma.$disconnect()
    }
    const db = new Database(file)
    db.prepare(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '20261208000000_organization_keys'`).run()
    db.close()
    expect((await ensureMigrated(`file:${file}`)).applied).toEqual(['20261208000000_organization_keys'])
    const after = new Database(file, { readonly: true })
    expect(after.prepare(`SELECT "speakerKey" FROM "Quote" WHERE "speakerName" = 'Tories'`).pluck().get()).toBe('conservative-party')
    after.close()
    rmSync(dirname(file), { recursive: true, force: true })
  })
})
