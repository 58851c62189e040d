import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'
import { openApiValidator } from '../helpers/openapi.js'

/**
 * Four dated articles (politics, business, sport; AP, Reuters, none) in which Jane Harlow and
 * Tom Verity appear together twice, and the Treasury, the Kremlin and "the club" speak.
 */
let ctx: TestContext
let capped: TestContext
const get = (url: string, on: TestContext = ctx) => request(on.app.server).get(url)

beforeAll(async () => {
  ;[ctx, capped] = await Promise.all([createTestContext(), createTestContext({ TOTAL_COUNT_CAP: '3' })])
  for (const c of [ctx, capped]) await c.ingest(fixture('newsroom/articles.jsonl'), fixture('../../prisma/sample-data'))
})
afterAll(() => Promise.all([ctx?.close(), capped?.close()]))

/** Every item of a list, following nextCursor; fails on a repeated item. */
async function walk(url: string, idOf: (item: { id?: string; slug?: string }) => string = (i) => i.id ?? i.slug!) {
  const ids: string[] = []
  let next: string | null = null
  do {
    const res: request.Response = await get(`${url}${url.includes('?') ? '&' : '?'}limit=1${next ? `&cursor=${next}` : ''}`).expect(200)
    ids.push(...(res.body.data as { id?: string; slug?: string }[]).map(idOf))
    next = res.body.page.nextCursor
  } while (next)
  expect(new Set(ids).size).toBe(ids.length)
  return ids
}

describe('GET /people/:idOrSlug/timeline', () => {
  it('counts articles, mentions and quotes by kind per month, from the first to the last appearance', async () => {
    const res = await get('/people/jane-harlow/timeline').expect(200)
    expect(res.body.person.slug).toBe('jane-harlow')
    expect(res.body.interval).toBe('month')
    expect(res.body.from).toBe('2024-01-01T00:00:00.000Z')
    expect(res.body.to).toBe('2024-03-01T00:00:00.000Z')
    const [jan, feb] = res.body.buckets
    expect(res.body.buckets).toHaveLength(2)
    expect(jan).toMatchObject({ start: '2024-01-01T00:00:00.000Z', end: '2024-02-01T00:00:00.000Z', articles: 2 })
    expect(jan.quotes).toEqual({ total: 2, direct: 1, indirect: 1, mixed: 0 })
    expect(feb).toMatchObject({ articles: 1, quotes: { total: 1, direct: 1, indirect: 0, mixed: 0 } })
    expect(jan.mentions).toBeGreaterThanOrEqual(4)
    expect(res.body.undated).toEqual({ articles: 0, quotes: 0 })
  })

  it('keeps empty buckets and fixed ISO-week boundaries (Monday, UTC)', async () => {
    const res = await get('/people/jane-harlow/timeline?interval=week&from=2024-01-01&to=2024-01-31').expect(200)
    expect(res.body.buckets.map((b: { start: string }) => b.start.slice(0, 10))).toEqual([
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
      '2024-01-22',
      '2024-01-29',
    ])
    expect(res.body.buckets.map((b: { articles: number }) => b.articles)).toEqual([1, 1, 0, 0, 0])
    const days = await get('/people/jane-harlow/timeline?interval=day&from=2024-01-03&to=2024-01-03').expect(200)
    expect(days.body.buckets).toEqual([
      expect.objectContaining({ start: '2024-01-03T00:00:00.000Z', end: '2024-01-04T00:00:00.000Z', articles: 1 }),
    ])
  })

  it('refuses a bad interval, an inverted or too long range, and names an unknown person', async () => {
    expect((await get('/people/jane-harlow/timeline?interval=year').expect(400)).body.errors[0].name).toBe('interval')
    expect((await get('/people/jane-harlow/timeline?from=2024-02-01&to=2024-01-01').expect(400)).body.errors[0].name).toBe('from')
    expect((await get('/people/jane-harlow/timeline?interval=day&from=1990-01-01&to=2024-01-01').expect(400)).body.detail).toMatch(
      /more than 3660 days/,
    )
    await get('/people/nobody/timeline').expect(404)
  })
})

describe('GET /people/:idOrSlug/related', () => {
  it('lists who appears with them, with shared articles and the quotes of either that mention the other', async () => {
    const res = await get('/people/jane-harlow/related').expect(200)
    expect(res.body.person.slug).toBe('jane-harlow')
    const verity = res.body.data.find((p: { slug: string }) => p.slug === 'tom-verity')
    expect(verity).toMatchObject({ name: 'Tom Verity', sharedArticles: 2, quotesByPersonMentioningThem: 1 })
    // "Harlow had broken every promise…", said Verity: his quote mentions her
    expect(verity.quotesByThemMentioningPerson).toBeGreaterThanOrEqual(1)
    expect(verity.quotesByThemInSharedArticles).toBe(2)
    expect(res.body.data.map((p: { slug: string }) => p.slug)).not.toContain('jane-harlow')
    expect(res.body.data.map((p: { slug: string }) => p.slug)).not.toContain('maria-sanz')
    expect(res.body.page.total).toEqual({ value: res.body.data.length, relation: 'eq' })
  })

  it('pages by keyset in every sort order without repeating anyone', async () => {
    const all = (await get('/people/jane-harlow/related?limit=100&sort=name').expect(200)).body.data.map((p: { id: string }) => p.id)
    for (const sort of ['articles', 'quotes', 'name'])
      expect((await walk(`/people/jane-harlow/related?sort=${sort}`)).sort()).toEqual([...all].sort())
    await get('/people/jane-harlow/related?sort=loudest').expect(400)
    const cursor = (await get('/people/jane-harlow/related?limit=1&sort=name').expect(200)).body.page.nextCursor
    expect((await get(`/people/jane-harlow/related?sort=articles&cursor=${cursor}`).expect(400)).body.errors[0].name).toBe('cursor')
  })
})

describe('organisations as speakers', () => {
  it('lists named organisations with counts, never pronouns or bare descriptions', async () => {
    const res = await get('/organizations').expect(200)
    const slugs = res.body.data.map((o: { slug: string }) => o.slug)
    expect(slugs).toEqual(expect.arrayContaining(['treasury', 'kremlin']))
    expect(slugs).not.toContain('club')
    const counts = res.body.data.map((o: { quoteCount: number }) => o.quoteCount)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    const treasury = res.body.data.find((o: { slug: string }) => o.slug === 'treasury')
    expect(treasury).toMatchObject({ name: 'Treasury', type: 'organization', quoteCount: 2, articleCount: 2 })
    expect(treasury.firstQuoted).toBe('2024-01-03T09:00:00.000Z')
    expect(treasury.lastQuoted).toBe('2024-02-20T08:30:00.000Z')
    expect((await get('/organizations?q=krem').expect(200)).body.data.map((o: { slug: string }) => o.slug)).toEqual(['kremlin'])
    // the sample article's groups: "Russian officials", "US, Canada, Australia and Britain" (not "Other countries")
    const groups = (await get('/organizations?type=group&sort=name').expect(200)).body.data.map((o: { slug: string }) => o.slug)
    expect(groups).toEqual(['russian-officials', 'us-canada-australia-and-britain'])
  })

  it('answers one organisation and what it said, with the filters of /quotes', async () => {
    const org = await get('/organizations/treasury').expect(200)
    expect(org.body.names).toEqual([{ name: 'Treasury', quotes: 2 }])
    const quotes = await get('/organizations/treasury/quotes?sort=oldest').expect(200)
    expect(quotes.body.data.map((q: { content: string }) => q.content)).toEqual([
      expect.stringMatching(/^the plan was affordable/),
      'growth would return by the summer',
    ])
    expect(quotes.body.data[0].speaker).toMatchObject({ type: 'organization', person: null, organization: { slug: 'treasury' } })
    expect((await get('/organizations/treasury/quotes?from=2024-02-01').expect(200)).body.data).toHaveLength(1)
    await get('/organizations/the-club').expect(404)
    await get('/organizations/treasury/quotes?speakerType=person').expect(400)
  })

  it('filters /quotes by speaker type', async () => {
    const res = await get('/quotes?speakerType=organization&limit=100').expect(200)
    expect(res.body.data.length).toBeGreaterThanOrEqual(4)
    for (const q of res.body.data) expect(q.speaker.type).toBe('organization')
    await get('/quotes?speakerType=robot').expect(400)
  })
})

describe('GET /stats and GET /articles/facets', () => {
  it('totals the database', async () => {
    const res = await get('/stats').expect(200)
    expect(res.body.articles).toEqual({
      total: 5,
      dated: 5,
      undated: 0,
      firstPublished: '2021-12-15T00:00:00.000Z',
      lastPublished: '2024-03-05T18:00:00.000Z',
    })
    const { byKind, bySpeakerType, total } = res.body.quotes
    expect(byKind.direct + byKind.indirect + byKind.mixed).toBe(total)
    expect(bySpeakerType.person + bySpeakerType.organization + bySpeakerType.group + bySpeakerType.unknown).toBe(total)
    expect(res.body.organizations).toBeGreaterThanOrEqual(2)
    expect(res.body.sections).toEqual(
      expect.arrayContaining([
        { value: 'politics', count: 2 },
        { value: 'business', count: 1 },
      ]),
    )
    expect(res.body.agencies[0]).toEqual({ value: 'AP', count: 3 })
  })

  it('counts sections, agencies and months for the current filter', async () => {
    const all = await get('/articles/facets').expect(200)
    expect(all.body.total).toEqual({ value: 5, relation: 'eq' })
    expect(all.body.section[0]).toEqual({ value: 'politics', count: 2 })
    expect(all.body.month).toEqual([
      { value: '2021-12', count: 1 },
      { value: '2024-01', count: 2 },
      { value: '2024-02', count: 1 },
      { value: '2024-03', count: 1 },
    ])
    const harlow = await get('/articles/facets?person=jane-harlow&q=harlow').expect(200)
    expect(harlow.body.total).toEqual({ value: 3, relation: 'eq' })
    expect(harlow.body.agency).toEqual([
      { value: 'AP', count: 2 },
      { value: 'Reuters', count: 1 },
    ])
    expect((await get('/articles/facets?size=1').expect(200)).body.month).toEqual([{ value: '2024-03', count: 1 }])
    await get('/articles/facets?limit=5').expect(400)
  })
})

describe('totals on lists', () => {
  it('count exactly up to the cap, then say "at least"', async () => {
    expect((await get('/articles', capped).expect(200)).body.page.total).toEqual({ value: 3, relation: 'gte' })
    expect((await get('/articles?category=politics', capped).expect(200)).body.page.total).toEqual({ value: 2, relation: 'eq' })
    expect((await get('/articles').expect(200)).body.page.total).toEqual({ value: 5, relation: 'eq' })
    expect((await get('/articles?q=harlow').expect(200)).body.page.total).toEqual({ value: 3, relation: 'eq' })
    expect((await get('/quotes?speaker=jane-harlow').expect(200)).body.page.total).toEqual({ value: 3, relation: 'eq' })
    expect((await get('/people?q=harlow').expect(200)).body.page.total).toEqual({ value: 1, relation: 'eq' })
    expect((await get('/people', capped).expect(200)).body.page.total).toEqual({ value: 3, relation: 'gte' })
  })
})

describe('search: grammar and snippets', () => {
  it('finds phrases, alternatives and exclusions', async () => {
    const titles = async (q: string) =>
      (await get(`/articles?q=${encodeURIComponent(q)}&limit=100`).expect(200)).body.data.map((a: { title: string }) => a.title).sort()
    expect(await titles('"car factory"')).toEqual(['Harlow visits a factory'])
    expect(await titles('"factory car"')).toEqual([])
    expect(await titles('derby OR schools')).toEqual(['Harlow and Verity clash over the budget', 'Harlow visits a factory'])
    expect(await titles('harlow -verity')).toEqual(['Harlow visits a factory'])
  })

  it('marks the matched words in a snippet of each result', async () => {
    const res = await get('/articles?q=%22car+factory%22').expect(200)
    const { snippet } = res.body.data[0]
    expect(snippet.text).toContain('car factory')
    expect(snippet.highlights.map((h: { start: number; end: number }) => snippet.text.slice(h.start, h.end))).toEqual(['car factory'])
    expect(snippet.html).toContain('<mark>car factory</mark>')
    const quotes = await get('/quotes?q=homes').expect(200)
    expect(quotes.body.data[0].snippet.html).toContain('<mark>homes</mark>')
    expect((await get('/articles?limit=1').expect(200)).body.data[0]).not.toHaveProperty('snippet')
  })

  it.each(['NEAR(harlow', '"', 'harlow*', '^harlow', 'harlow AND OR NOT', 'title:harlow', '(harlow'])(
    'never turns input into an FTS5 error: %s',
    async (q) => {
      const res = await get(`/articles?q=${encodeURIComponent(q)}`)
      expect([200, 400]).toContain(res.status)
      if (res.status === 400) expect(res.body.errors[0].name).toBe('q')
    },
  )

  it('ranks a broad search among the most recently stored matches, and says so', async () => {
    const windowed = await createTestContext({ SEARCH_RANK_WINDOW: '2', SEARCH_THREADS: '0' })
    try {
      await windowed.ingest(fixture('newsroom/articles.jsonl'))
      const on = (url: string) => request(windowed.app.server).get(url).expect(200)
      // "harlow" is in three articles: only the two stored last are ranked, and the pages give exactly those
      const broad = await on('/articles?q=harlow&limit=1')
      expect(broad.body.page).toMatchObject({ ranking: 'recent-window', total: { value: 2, relation: 'eq' } })
      const seen = [broad.body.data[0].title]
      const next = await on(`/articles?q=harlow&limit=5&cursor=${broad.body.page.nextCursor}`)
      seen.push(...next.body.data.map((a: { title: string }) => a.title))
      expect(seen.sort()).toEqual(['Harlow and Verity clash over the budget', 'Harlow visits a factory'])
      // with another filter, or few matches, every match is ranked
      expect((await on('/articles?q=harlow&category=politics')).body.page.ranking).toBe('exact')
      expect((await on('/articles?q=sanz')).body.page).toMatchObject({ ranking: 'exact', total: { value: 1, relation: 'eq' } })
      expect((await on('/articles?q=harlow&sort=newest')).body.page.ranking).toBeUndefined()
    } finally {
      await windowed.close()
    }
  })

  it('refuses a search that only excludes', async () => {
    expect((await get('/quotes?q=-verity').expect(400)).body.detail).toMatch(/only excludes/)
  })
})

describe('more filters and sorts', () => {
  it('filters articles by agency and by several people (all of them)', async () => {
    const ids = async (url: string) => (await get(url).expect(200)).body.data.map((a: { id: string }) => a.id).length
    expect(await ids('/articles?agency=AP')).toBe(3)
    expect(await ids('/articles?person=jane-harlow&person=tom-verity')).toBe(2)
    expect(await ids('/articles?person=jane-harlow&person=maria-sanz')).toBe(0)
    expect(await ids('/articles?person=jane-harlow&person=nobody')).toBe(0)
    expect(await ids('/articles?person=jane-harlow')).toBe(3)
    // only person= repeats; any other parameter given twice is still refused
    expect((await get('/articles?agency=AP&agency=Reuters').expect(400)).body.errors[0].name).toBe('agency')
  })

  it('serves a change feed: updatedSince, oldest change first, resumable by cursor', async () => {
    const feed = await get('/articles?sort=updated&limit=100').expect(200)
    const stamps = feed.body.data.map((a: { updatedAt: string }) => a.updatedAt)
    expect(stamps).toHaveLength(5)
    expect([...stamps].sort()).toEqual(stamps)
    expect(await walk('/articles?sort=updated')).toEqual(feed.body.data.map((a: { id: string }) => a.id))
    expect((await get('/articles?updatedSince=2999-01-01').expect(200)).body.data).toEqual([])
    expect((await get(`/articles?updatedSince=${encodeURIComponent(stamps[0])}`).expect(200)).body.data).toHaveLength(5)
    await get('/articles?updatedSince=yesterday').expect(400)
  })

  it('sorts quotes newest, oldest or most confident first, each with its own cursor', async () => {
    const dates = async (sort: string) =>
      (await get(`/quotes?sort=${sort}&limit=100`).expect(200)).body.data.map(
        (q: { article: { publishedAt: string } }) => q.article.publishedAt,
      )
    const newest = await dates('newest')
    expect(newest).toEqual([...newest].sort().reverse())
    expect(await dates('oldest')).toEqual([...newest].reverse())
    const confident = (await get('/quotes?sort=confidence&limit=100').expect(200)).body.data.map(
      (q: { confidence: number }) => q.confidence,
    )
    expect(confident).toEqual([...confident].sort((a, b) => b - a))
    const all = await walk('/quotes?sort=confidence')
    expect(all).toHaveLength(confident.length)
    const cursor = (await get('/quotes?sort=oldest&limit=1').expect(200)).body.page.nextCursor
    expect((await get(`/quotes?sort=confidence&cursor=${cursor}`).expect(400)).body.errors[0].name).toBe('cursor')
  })
})

describe('exports', () => {
  it('streams every quote of a filter as JSON Lines, the objects of the list', async () => {
    const list = await get('/quotes?limit=100&speaker=jane-harlow').expect(200)
    const res = await get('/quotes/export?speaker=jane-harlow').expect(200)
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="quotes.jsonl"')
    expect(res.headers.etag).toBeUndefined()
    const lines = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown)
    expect(lines).toEqual(list.body.data)
  })

  it('writes CSV with a header row and RFC 4180 quoting', async () => {
    const res = await get('/quotes/export?format=csv&speaker=jane-harlow&sort=oldest').expect(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = res.text.split('\r\n')
    expect(rows[0]).toBe(
      'id,articleId,articleTitle,publishedAt,speakerName,speakerType,speakerText,personId,personSlug,organization,kind,cue,via,confidence,start,end,content,sentence',
    )
    expect(rows.at(-1)).toBe('')
    expect(rows).toHaveLength(3 + 2)
    // a content with a comma is quoted; the sentence with quotation marks has them doubled
    expect(res.text).toContain('"Tom Verity is wrong about the budget, and he knows it"')
    expect(res.text).toContain('"""Tom Verity is wrong about the budget, and he knows it,"" Harlow said."')
  })

  it('lets the Accept header choose the format and refuses one it cannot give', async () => {
    const csv = await get('/people/export').set('accept', 'text/csv').expect(200)
    expect(csv.text.split('\r\n')[0]).toBe('id,slug,name,articleCount,mentionCount,quoteCount,firstSeen,lastSeen')
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1 + (await get('/people?limit=100').expect(200)).body.page.total.value)
    await get('/quotes/export').set('accept', 'application/json').expect(406)
    const bad = await get('/quotes/export?q=-verity').set('accept', 'text/csv').expect(400)
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/)
    await get('/quotes/export?limit=5').expect(400)
    await get('/quotes/export?format=xml').expect(400)
  })

  it('exports articles with their bodies under the filters of /articles', async () => {
    const res = await get('/articles/export?person=jane-harlow&person=tom-verity&sort=oldest').expect(200)
    const articles = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; body: string })
    expect(articles.map((a) => a.title)).toEqual(['Harlow promises lower taxes', 'Harlow and Verity clash over the budget'])
    expect(articles[1]!.body).toContain('Jane Harlow met Tom Verity in London on Monday.')
    const csv = await get('/articles/export?format=csv&agency=Reuters').expect(200)
    expect(csv.text.split('\r\n')[0]).toBe('id,title,publishedAt,section,dateline,agency,url,peopleCount,quoteCount,body')
    expect(csv.text).toContain('"Jane Harlow met Tom Verity in London on Monday.\n\n""Tom Verity is wrong')
    expect((await get('/articles/export?person=nobody').expect(200)).text).toBe('')
  })
})

describe('the new routes against the OpenAPI document, and the response cache', () => {
  it.each([
    ['/people/{idOrSlug}/timeline', '/people/jane-harlow/timeline?interval=week', 200],
    ['/people/{idOrSlug}/timeline', '/people/jane-harlow/timeline?interval=hour', 400],
    ['/people/{idOrSlug}/timeline', '/people/nobody/timeline', 404],
    ['/people/{idOrSlug}/related', '/people/jane-harlow/related?sort=quotes', 200],
    ['/people/{idOrSlug}/related', '/people/nobody/related', 404],
    ['/organizations', '/organizations?type=organization', 200],
    ['/organizations', '/organizations?sort=loudest', 400],
    ['/organizations/{slug}', '/organizations/kremlin', 200],
    ['/organizations/{slug}', '/organizations/nobody', 404],
    ['/organizations/{slug}/quotes', '/organizations/kremlin/quotes?q=comment', 200],
    ['/organizations/{slug}/quotes', '/organizations/nobody/quotes', 404],
    ['/stats', '/stats', 200],
    ['/stats', '/stats?x=1', 400],
    ['/articles/facets', '/articles/facets?agency=AP', 200],
    ['/articles/facets', '/articles/facets?size=0', 400],
    ['/articles', '/articles?q=%22car+factory%22', 200],
    ['/articles', '/articles?sort=updated', 200],
    ['/quotes', '/quotes?q=homes&sort=confidence', 200],
    ['/quotes/export', '/quotes/export?q=-x', 400],
    ['/articles/export', '/articles/export?sort=relevance', 400],
    ['/people/export', '/people/export?limit=1', 400],
  ] as const)('%s: %s answers %i as documented', async (path, url, status) => {
    const matchesOpenApi = openApiValidator((await get('/openapi.json').expect(200)).body)
    const res = await get(url).expect(status)
    matchesOpenApi('GET', path, res)
  })

  it('revalidates with ETags, and a new article changes the totals at once', async () => {
    const first = await get('/stats').expect(200)
    expect(first.headers.etag).toMatch(/^W\//)
    await get('/stats').set('if-none-match', first.headers.etag!).expect(304)
    const timeline = (await get('/people/maria-sanz/timeline').expect(200)).body
    const total = (await get('/articles?limit=1').expect(200)).body.page.total.value
    const write = scratchFiles('newsroom-')
    await ctx.ingest(
      write(
        'more.jsonl',
        `${JSON.stringify({ id: 'nr-5', title: 'Sanz wins', publishedAt: '2024-03-10T18:00:00Z', section: 'sport', agency: 'AFP', body: 'Coach Maria Sanz said the win was deserved.' })}\n`,
      ),
    )
    const after = await get('/stats').set('if-none-match', first.headers.etag!).expect(200)
    expect(after.body.articles.total).toBe(first.body.articles.total + 1)
    expect(after.body.agencies).toContainEqual({ value: 'AFP', count: 1 })
    // counts are remembered per filter only while the data does not change
    expect((await get('/articles?limit=2').expect(200)).body.page.total).toEqual({ value: total + 1, relation: 'eq' })
    const grown = (await get('/people/maria-sanz/timeline').expect(200)).body
    expect(grown.buckets.at(-1).articles).toBe(timeline.buckets.at(-1).articles + 1)
  })
})
