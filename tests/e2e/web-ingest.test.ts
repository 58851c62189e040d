import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, onTestFinished } from 'vitest'
import { projectRoot } from '../../src/paths.js'
import { fixture } from '../helpers/context.js'

interface Outcome {
  source: string
  status: string
  records: { where: string; status: string; reason?: string; id?: string }[]
}

let dir: string
let db: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-web-'))
  db = join(dir, 'web.db')
  copyFileSync(inject('templateDb'), db)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The real ingest CLI (from source, as `npm run ingest` runs it) with --json; outcomes in order.
 * Asynchronous: the local site it fetches from runs in this process.
 */
async function ingest(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--workers', '0', '--database', `file:${db}`, ...args],
    { cwd: projectRoot },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const run = { status, stdout, stderr }
  const lines = run.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Outcome & { summary?: { articles: Record<string, number> } })
  return { code: run.status, outcomes: lines.filter((l) => l.source), summary: lines.at(-1)?.summary, err: run.stderr }
}

const rows = <T>(sql: string) => {
  const sqlite = new Database(db, { readonly: true })
  try {
    return sqlite.prepare(sql).all() as T[]
  } finally {
    sqlite.close()
  }
}

describe('web pages and feeds from files', () => {
  it('reads a feed in the encoding its XML declaration names', async () => {
    const feed = join(dir, 'latin1.rss')
    const body =
      '<p>Le maire Andr\u00e9 L\u00e9ger a d\u00e9clar\u00e9 lundi que le nouveau pont serait ouvert en juin, apr\u00e8s deux ans de travaux.</p>' +
      '<p>\u00ab Nous sommes pr\u00eats \u00bb, a dit L\u00e9ger aux journalistes r\u00e9unis devant la mairie, ajoutant que le budget avait \u00e9t\u00e9 respect\u00e9.</p>' +
      '<p>Les riverains attendaient cette ouverture depuis longtemps, et plusieurs commer\u00e7ants ont salu\u00e9 la nouvelle avec soulagement.</p>'
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>' +
      `<item><title>Le pont ouvrira en juin</title><link>https://gazette.example/pont</link><content:encoded><![CDATA[${body}]]></content:encoded></item></channel></rss>`
    writeFileSync(feed, Buffer.from(xml, 'latin1'))
    const run = await ingest([feed])
    expect(run.outcomes[0]!.status).toBe('ingested')
    const [a] = rows<{ body: string }>('SELECT "body" FROM "Article"')
    expect(a!.body).toContain('Le maire André Léger a déclaré lundi')
  })

  it('ingests an item whose description is the whole article, and still reports one whose description is a teaser', async () => {
    const story = [
      'The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending months of argument over the cost of repairs and the future of the crossing.',
      'Mayor Lena Vogt said the bridge was no longer safe for heavy traffic. "We cannot keep patching a structure that was built for horses and carts," Vogt told the council.',
      'Engineers found cracks in two of the four supports last year, and a report published in March said repairs would cost more than a new footbridge built beside it.',
      'Shop owners on the harbour side said they feared losing customers. Anna Kask, who runs a bakery by the bridge, said the council had not asked traders before the vote.',
      'Opposition councillors backed the closure but asked for a bus link between the two sides of the harbour during the works, which the mayor said she would consider.',
      'The bridge will stay open to walkers and cyclists while the council looks for money for a replacement, which it hopes to open within five years.',
    ]
    const feed = join(dir, 'city.rss')
    writeFileSync(
      feed,
      '<?xml version="1.0"?><rss version="2.0"><channel><title>City news</title><link>https://city.example/</link>' +
        `<item><title>Harbour bridge to close to cars</title><link>https://city.example/news/bridge</link><description><![CDATA[${story.map((p) => `<p>${p}</p>`).join('')}]]></description></item>` +
        `<item><title>Library hours change</title><link>https://city.example/news/library</link><description>The central library will open later on Mondays from June.</description></item>` +
        '</channel></rss>',
    )
    const run = await ingest([feed])
    const [bridge, library] = run.outcomes[0]!.records
    expect(bridge).toMatchObject({ where: 'item 1', status: 'ingested' })
    expect(library).toMatchObject({ where: 'item 2', status: 'failed' })
    expect(library!.reason).toMatch(/only links to the article/)
    const [a] = rows<{ title: string; url: string; body: string }>('SELECT "title", "url", "body" FROM "Article"')
    expect(a).toMatchObject({ title: 'Harbour bridge to close to cars', url: 'https://city.example/news/bridge' })
    expect(a!.body).toContain('which it hopes to open within five years')
    const people = rows<{ name: string }>('SELECT "name" FROM "Person"').map((p) => p.name)
    expect(people).toEqual(expect.arrayContaining(['Lena Vogt', 'Anna Kask']))
  })

  it('ingests a saved web page: the article only, its metadata, the canonical URL as identity', async () => {
    const page = join(dir, 'harbour.html')
    copyFileSync(fixture('web/harbour-page.html'), page)
    const run = await ingest([page])
    expect(run.code).toBe(0)
    expect(run.outcomes[0]).toMatchObject({ status: 'ingested' })
    const [a] = rows<{
      title: string
      body: string
      url: string | null
      format: string
      publishedAt: string
      section: string
      extra: string
    }>('SELECT "title", "body", "url", "format", "publishedAt", "section", "extra" FROM "Article"')
    expect(a!.title).toBe('Harbour plan approved after long fight')
    expect(a!.format).toBe('html')
    expect(a!.publishedAt).toMatch(/^2024-05-06T09:30:00/)
    expect(a!.body).toContain('Transport minister Ann Lee said the plan would create 400 jobs')
    expect(a!.body).toContain('Work on the new quay is expected to start in the autumn')
    for (const junk of [
      'cookies',
      'Share on Twitter',
      'Related stories',
      'Great news for the town',
      'All rights reserved',
      'window.tracking',
      'Photo: Tom Reyes',
    ])
      expect(a!.body, junk).not.toContain(junk)
    expect(JSON.parse(a!.extra)).toMatchObject({ siteName: 'Coast Gazette', authors: ['Maya Ortiz'] })
    // people and quotes come out of the page's text
    const people = rows<{ name: string }>('SELECT "name" FROM "Person"').map((p) => p.name)
    expect(people).toEqual(expect.arrayContaining(['Ann Lee', 'Piet Zwart']))
    // the same page again is unchanged
    expect((await ingest([page])).outcomes[0]!.status).toBe('unchanged')
  })

  it('ingests a feed: items with their full content, and says which items only link out', async () => {
    const run = await ingest([fixture('web/full-content.rss')])
    expect(run.code).toBe(1)
    expect(run.outcomes[0]!.status).toBe('partial')
    const [ferry, budget] = run.outcomes[0]!.records
    expect(ferry).toMatchObject({ where: 'item 1', status: 'ingested' })
    expect(budget).toMatchObject({ where: 'item 2', status: 'failed' })
    expect(budget!.reason).toMatch(/only links to the article \(https:\/\/gazette\.example\/news\/budget-row\): ingest with --fetch/)
    const [a] = rows<{ title: string; url: string; format: string; body: string }>('SELECT "title", "url", "format", "body" FROM "Article"')
    expect(a).toMatchObject({ title: 'Ferry route to reopen in June', url: 'https://gazette.example/news/ferry-route', format: 'feed' })
    expect(a!.body).toContain('Operator chief Hana Berg said the company had repaired both boats.')
  })
})

/** A local site on 127.0.0.1 only: pages, a feed linking to them, robots.txt, errors; it records every request. */
function localSite() {
  const seen: { path: string; headers: IncomingMessage['headers'] }[] = []
  const page = readFileSync(fixture('web/harbour-page.html'), 'utf8')
  const article = (title: string, who: string) =>
    `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${who} said on Monday that the new budget would cut waiting lists across the region by a third within two years.</p><p>"We have found the money," ${who} told the council, adding that the plan had taken a year to prepare and would be reviewed every spring.</p><p>Opposition members said they would study the figures before the vote next week.</p></article></body></html>`
  let base = ''
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers })
      res.end(body)
    }
    switch (req.url) {
      case '/robots.txt':
        return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n')
      case '/news/harbour': {
        const etag = '"harbour-v1"'
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, { etag })
          return res.end()
        }
        return send(200, 'text/html; charset=utf-8', page, { etag })
      }
      case '/news/budget':
        return send(200, 'text/html', article('Budget cuts waiting lists', 'Finance chief Rosa Diaz'))
      case '/old-address':
        res.writeHead(301, { location: '/news/budget' })
        return res.end()
      case '/feed.xml':
        return send(
          200,
          'application/rss+xml',
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>${base}/</link>` +
            `<item><title>Budget cuts waiting lists</title><link>${base}/news/budget</link><pubDate>Wed, 08 May 2024 08:00:00 GMT</pubDate><description>Teaser.</description></item>` +
            `<item><title>Secret</title><link>${base}/private/secret</link><description>Teaser.</description></item>` +
            `</channel></rss>`,
        )
      case '/private/secret':
        return send(200, 'text/html', article('Secret', 'Nobody'))
      default:
        return send(404, 'text/html', '<h1>Not found</h1>')
    }
  })
  return {
    seen,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
          resolve(base)
        }),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('URLs', () => {
  const site = localSite()
  let base: string
  beforeAll(async () => {
    base = await site.start()
  })
  afterAll(() => site.stop())

  it('fetches pages (redirects followed), reports 404s, and fetches again conditionally: unchanged without a download', async () => {
    site.seen.length = 0
    const run = await ingest(['--fetch-delay', '0', `${base}/news/harbour`, `${base}/old-address`, `${base}/missing`])
    expect(run.outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested', 'failed'])
    expect(run.outcomes[2]!.records[0]!.reason).toMatch(/404/)
    expect(run.code).toBe(1)
    expect(site.seen.find((r) => r.path === '/news/harbour')!.headers['user-agent']).toMatch(/^NewsdeskBot\//)
    const urls = rows<{ url: string }>('SELECT "url" FROM "Article" ORDER BY "url"').map((r) => r.url)
    // the page names its canonical URL (relative, resolved against where it was fetched); the redirect ends at its final address
    expect(urls).toEqual([`${base}/news/2024/05/harbour-plan-approved`, `${base}/news/budget`])

    site.seen.length = 0
    const again = await ingest(['--fetch-delay', '0', `${base}/news/harbour`])
    expect(again.outcomes[0]).toMatchObject({ status: 'unchanged' })
    expect(again.outcomes[0]!.records[0]!.id).toBeDefined()
    const conditional = site.seen.find((r) => r.path === '/news/harbour')!
    expect(conditional.headers['if-none-match']).toBe('"harbour-v1"')

    // once the article is gone, a 304 would hide it: the page is downloaded again
    const sqlite = new Database(db)
    sqlite.pragma('foreign_keys = ON')
    sqlite.prepare(`DELETE FROM "Article" WHERE "id" = ?`).run(again.outcomes[0]!.records[0]!.id)
    sqlite.close()
    site.seen.length = 0
    const back = await ingest(['--fetch-delay', '0', `${base}/news/harbour`])
    expect(back.outcomes[0]).toMatchObject({ status: 'ingested' })
    expect(site.seen.find((r) => r.path === '/news/harbour')!.headers['if-none-match']).toBeUndefined()
  })

  it('reads a feed URL, fetches its items with --fetch, and never a path robots.txt disallows', async () => {
    site.seen.length = 0
    const list = join(dir, 'urls.txt')
    writeFileSync(list, `# today's feeds\n${base}/feed.xml\n\n`)
    const run = await ingest(['--fetch', '--fetch-delay', '0', '--urls', list])
    const feed = run.outcomes[0]!
    expect(feed.source).toBe(`${base}/feed.xml`)
    expect(feed.records.map((r) => `${r.where} ${r.status}`)).toEqual(['item 1 ingested', 'item 2 failed'])
    expect(feed.records[1]!.reason).toMatch(/robots\.txt/)
    expect(site.seen.map((r) => r.path)).not.toContain('/private/secret')
    const [budget] = rows<{ title: string; format: string; publishedAt: string }>('SELECT "title", "format", "publishedAt" FROM "Article"')
    expect(budget).toMatchObject({ title: 'Budget cuts waiting lists', format: 'feed' })
    // the item's date comes from the feed when the page gives none
    expect(budget!.publishedAt).toMatch(/^2024-05-08/)
  })

  it('refuses a URL list with something that is not a URL', async () => {
    const list = join(dir, 'urls.txt')
    writeFileSync(list, 'ftp://example.org/a\n')
    const run = await ingest(['--urls', list])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/not http\(s\) URLs: ftp:\/\/example\.org\/a/)
  })
})

/** A server on 127.0.0.1 (a free port) answering `route(path)`, recording the paths it is asked for. */
async function serve(route: (path: string, base: string) => { status?: number; type?: string; body?: string; location?: string }) {
  const seen: string[] = []
  let base = ''
  const server = createServer((req, res) => {
    seen.push(req.url ?? '')
    const { status = 200, type = 'text/html', body = '', location } = route(req.url ?? '', base)
    res.writeHead(status, { 'content-type': type, ...(location ? { location } : {}) })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { base, seen }
}

const storyPage = (title: string, who: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${who} said on Monday that the new budget would cut waiting lists across the region by a third within two years.</p><p>"We have found the money," ${who} told the council, adding that the plan had taken a year to prepare and would be reviewed every spring.</p><p>Opposition members said they would study the figures before the vote next week.</p></article></body></html>`

describe('feeds served as legacy content types', () => {
  it('ingests a feed served as application/x-rss+xml', async () => {
    const body =
      '<p>Harbour master Ola Nordmann said on Tuesday that the new ferry terminal would open in June, a year later than planned.</p>' +
      '<p>"The delay was caused by the storms of last winter," Nordmann told reporters at the quay, adding that the budget had held.</p>' +
      '<p>Passengers will be able to buy tickets online from May, the port authority said in a statement.</p>'
    const site = await serve(() => ({
      type: 'application/x-rss+xml; charset=utf-8',
      body:
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Port news</title>' +
        `<item><title>Ferry terminal opens in June</title><link>https://port.example/terminal</link><content:encoded><![CDATA[${body}]]></content:encoded></item>` +
        '</channel></rss>',
    }))
    const run = await ingest(['--fetch-delay', '0', `${site.base}/feed.rss`])
    expect(run.outcomes[0]!.records.map((r) => `${r.where} ${r.status} ${r.reason ?? ''}`.trim())).toEqual(['item 1 ingested'])
    expect(rows<{ title: string }>('SELECT "title" FROM "Article"')).toEqual([{ title: 'Ferry terminal opens in June' }])
  })
})

describe('the origins an operator names', () => {
  it("may be on this machine, but their feed's links and redirects may not reach another port of it unless --allow-host says so", async () => {
    // an internal admin page on another port of the same machine
    const internal = await serve((path) =>
      path === '/admin' ? { body: storyPage('Admin console', 'Administrator Ida Holm') } : { status: 404, body: 'not found' },
    )
    const site = await serve((path, base) => {
      if (path === '/feed.xml')
        return {
          type: 'application/rss+xml',
          body:
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><link>${base}/</link>` +
            `<item><title>Admin</title><link>${internal.base}/admin</link><description>Teaser.</description></item>` +
            `<item><title>Moved</title><link>${base}/moved</link><description>Teaser.</description></item>` +
            `<item><title>Budget cuts waiting lists</title><link>${base}/news/budget</link><description>Teaser.</description></item>` +
            `</channel></rss>`,
        }
      if (path === '/moved') return { status: 302, location: `${internal.base}/admin` }
      if (path === '/news/budget') return { body: storyPage('Budget cuts waiting lists', 'Finance chief Rosa Diaz') }
      return { status: 404, body: 'not found' }
    })
    const refusal = `refused: 127.0.0.1 is not a public address (loopback), and ${internal.base} is not an allowed origin`

    const run = await ingest(['--fetch', '--fetch-delay', '0', `${site.base}/feed.xml`])
    const records = run.outcomes[0]!.records
    expect(records.map((r) => `${r.where} ${r.status}`)).toEqual(['item 1 failed', 'item 2 failed', 'item 3 ingested'])
    expect(records[0]!.reason).toBe(`${internal.base}/admin: ${refusal}`)
    expect(records[1]!.reason).toBe(`${site.base}/moved: ${refusal} (at ${internal.base}/admin)`)
    expect(internal.seen).toEqual([])
    expect(rows<{ title: string }>('SELECT "title" FROM "Article"').map((a) => a.title)).toEqual(['Budget cuts waiting lists'])

    // the operator widens it to that port
    const widened = await ingest([
      '--fetch',
      '--fetch-delay',
      '0',
      '--allow-host',
      internal.base.replace('http://', ''),
      `${site.base}/feed.xml`,
    ])
    expect(widened.outcomes[0]!.records.map((r) => `${r.where} ${r.status}`)).toEqual([
      'item 1 ingested',
      'item 2 unchanged',
      'item 3 unchanged',
    ])
    expect(internal.seen).toContain('/admin')
  })

  it('refuses an --allow-host that is not a host or host:port', async () => {
    const run = await ingest(['--allow-host', 'http://127.0.0.1:8080/admin', 'http://127.0.0.1:1/feed.xml'])
    expect(run.code).toBe(2)
    expect(run.err).toMatch(/--allow-host.*give a host or host:port/)
  })
})

describe('--watch', () => {
  it('loads the files there and those that appear, a file written in several steps once, and stops cleanly on SIGTERM', async () => {
    const inbox = join(dir, 'inbox')
    mkdirSync(inbox)
    // dropped while nobody watched: loaded when watching starts
    writeFileSync(join(inbox, 'earlier.txt'), 'Bridge reopens\n\nEngineer Lars Berg said on Sunday that the bridge was safe again.\n')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--workers', '0', '--database', `file:${db}`, '--watch', inbox],
      { cwd: projectRoot },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    // never left running, whatever happens below
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })
    const waitFor = async (test: () => boolean, ms = 20_000) => {
      const end = Date.now() + ms
      while (!test()) {
        if (Date.now() > end) throw new Error(`timed out; stdout: ${out}; stderr: ${err}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    await waitFor(() => err.includes('watching'))
    // written in three steps, with pauses shorter than the settling time
    const file = join(inbox, 'council.txt')
    writeFileSync(file, 'Council approves the budget\n\n')
    await new Promise((r) => setTimeout(r, 100))
    appendFileSync(file, 'Mayor Anne Hidalgo said on Monday that the budget would pass. ')
    await new Promise((r) => setTimeout(r, 100))
    appendFileSync(file, '"It is a fair budget," Hidalgo said.\n')
    copyFileSync(fixture('web/harbour-page.html'), join(inbox, 'harbour.html'))
    writeFileSync(join(inbox, 'notes.pdf'), 'not an article')
    await waitFor(
      () =>
        out
          .trim()
          .split('\n')
          .filter((l) => l.includes('"source"')).length >= 2,
    )
    await new Promise((r) => setTimeout(r, 800))
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Outcome & { watched?: { articles: Record<string, number> } })
    const outcomes = lines.filter((l) => l.source)
    expect(outcomes.map((o) => o.source.split('/').at(-1)).sort()).toEqual(['council.txt', 'earlier.txt', 'harbour.html'])
    expect(outcomes.every((o) => o.status === 'ingested')).toBe(true)
    expect(lines.at(-1)!.watched!.articles).toMatchObject({ ingested: 3, failed: 0 })
    expect(code).toBe(0)
    const council = rows<{ body: string }>(`SELECT "body" FROM "Article" WHERE "title" = 'Council approves the budget'`)
    expect(council[0]!.body).toContain('"It is a fair budget," Hidalgo said.')
  }, 40_000)
})
