import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fullContent, hasFullContent, looksLikeFeed, parseFeed, type FeedItem, type FeedParse } from '../../src/web/feeds/parse-feed.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8')

function parsed(name: string, feedUrl?: string): Extract<FeedParse, { ok: true }> {
  const result = parseFeed(fixture(name), feedUrl)
  if (!result.ok) throw new Error(`${name} did not parse: ${result.reason}`)
  return result
}

const item = (fields: Partial<FeedItem>): FeedItem => ({
  id: null,
  title: null,
  url: null,
  publishedAt: null,
  authors: [],
  contentHtml: null,
  contentText: null,
  summary: null,
  categories: [],
  ...fields,
})

describe('parseFeed', () => {
  it('reads RSS 2.0 with content:encoded: CDATA, entities, relative links, RFC 822 dates, dc:creator', () => {
    const feed = parsed('rss2-full.xml', 'https://harbour.example/feeds/main.xml')
    expect(feed).toMatchObject({ kind: 'rss', title: 'Harbour & City News', siteUrl: 'https://harbour.example/' })
    const [article, bare] = feed.items
    expect(article).toMatchObject({
      id: 'harbour-2024-0001',
      title: 'Council approves harbour plan',
      url: 'https://harbour.example/news/harbour-plan',
      authors: ['Anne Martin'],
      categories: ['Politics', 'Harbour'],
      summary: 'The council voted for the plan “after a long debate”.',
      contentText: null,
    })
    expect(article!.publishedAt?.toISOString()).toBe('2024-06-04T07:30:00.000Z')
    expect(article!.contentHtml).toContain('on Monday &amp; work starts in May.</p>')
    expect(hasFullContent(article!)).toBe(true)
    // an item without title or link is still returned, its dc:date read as ISO 8601
    expect(bare).toMatchObject({ title: null, url: null, summary: 'An item with neither title nor link.' })
    expect(bare!.publishedAt?.toISOString()).toBe('2024-06-03T08:00:00.000Z')
    expect(hasFullContent(bare!)).toBe(false)
  })

  it('reads a teaser-only RSS 2.0 feed: escaped HTML description, author e-mail, permalink guid as the url', () => {
    const feed = parsed('rss2-teaser.xml')
    const [budget, guidOnly] = feed.items
    expect(budget).toMatchObject({
      id: 'https://teasers.example/?p=42',
      url: 'https://teasers.example/2024/06/budget',
      authors: ['Newsdesk'],
      contentHtml: null,
      summary: '<p>The budget passed by 12 votes. <a href="/2024/06/budget">Read more</a></p>',
    })
    expect(budget!.publishedAt?.toISOString()).toBe('2024-06-05T23:15:00.000Z')
    expect(hasFullContent(budget!)).toBe(false)
    expect(guidOnly).toMatchObject({ title: 'A guid is the only link', url: 'https://teasers.example/?p=43' })
  })

  it('reads Atom 1.0: xml:base on feed and entry, alternate links, html/xhtml/text content, published before updated', () => {
    const feed = parsed('atom.xml', 'https://elsewhere.example/feed')
    expect(feed).toMatchObject({ kind: 'atom', title: 'Ministry briefings', siteUrl: 'https://blog.example/' })
    const [talks, statement, plain] = feed.items
    expect(talks).toMatchObject({
      id: 'tag:blog.example,2024:7',
      title: 'Talks resume',
      url: 'https://blog.example/news/2024/talks-resume.html',
      authors: ['Ben Okafor'],
      categories: ['Diplomacy'],
      summary: 'Talks resume next week.',
      contentHtml: '<p>Talks will resume next week, the ministry said.</p>',
      contentText: null,
    })
    expect(talks!.publishedAt?.toISOString()).toBe('2024-06-06T09:00:00.000Z')
    expect(statement).toMatchObject({ url: 'https://blog.example/news/statement', contentText: null })
    expect(statement!.contentHtml).toContain('<b>welcome</b>')
    expect(statement!.publishedAt?.toISOString()).toBe('2024-06-05T09:00:00.000Z')
    expect(plain).toMatchObject({ url: null, contentHtml: null, contentText: 'Just words & more words.' })
  })

  it('reads RDF (RSS 1.0) with Dublin Core', () => {
    const feed = parsed('rdf.xml')
    expect(feed).toMatchObject({ kind: 'rdf', title: 'RDF Wire', siteUrl: 'https://rdf.example/' })
    expect(feed.items).toHaveLength(1)
    expect(feed.items[0]).toMatchObject({
      id: 'https://rdf.example/story/1',
      title: 'Storm closes port',
      url: 'https://rdf.example/story/1',
      authors: ['Lena Ruiz'],
      categories: ['Weather'],
      summary: 'The port closed as the storm approached.',
    })
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe('2024-06-02T18:45:00.000Z')
  })

  it('reads JSON Feed 1.1, resolving relative urls against the feed URL', () => {
    const feed = parsed('jsonfeed.json', 'https://json.example/feed.json')
    expect(feed).toMatchObject({ kind: 'json', title: 'JSON Desk', siteUrl: 'https://json.example/' })
    const [mayor, note] = feed.items
    expect(mayor).toMatchObject({
      id: '1001',
      title: 'Mayor answers critics',
      url: 'https://json.example/posts/1001',
      authors: ['Kim Park'],
      categories: ['city', 'politics'],
      contentHtml: '<p>The mayor answered her critics.</p>',
      summary: 'The mayor answered.',
    })
    expect(mayor!.publishedAt?.toISOString()).toBe('2024-06-01T11:00:00.000Z')
    expect(note).toMatchObject({ id: '1002', title: null, url: null, contentText: 'A note without a title or a link.' })
  })

  it('reads JSON Feed 1.0 (author, not authors)', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'Old',
        items: [{ id: 7, url: 'https://old.example/7', author: { name: 'Sam Lee' }, content_text: 'x' }],
      }),
    )
    expect(feed).toMatchObject({ ok: true, kind: 'json', items: [{ id: '7', authors: ['Sam Lee'] }] })
  })

  it('fails with a reason, never a throw, on malformed or non-feed input', () => {
    expect(parseFeed(fixture('malformed.xml'))).toEqual({ ok: false, reason: expect.stringMatching(/^malformed XML: .*title/) })
    expect(parseFeed(fixture('page.html'))).toEqual({ ok: false, reason: expect.stringMatching(/^not a feed/) })
    expect(parseFeed('{"version": "https://jsonfeed.org/version/1.1", "title": ')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^malformed JSON/),
    })
    expect(parseFeed('{"hello": "world"}')).toEqual({ ok: false, reason: expect.stringMatching(/^not a feed/) })
    expect(parseFeed('  \n')).toEqual({ ok: false, reason: 'empty document' })
  })

  it('keeps links it cannot make absolute http(s) URLs out of url', () => {
    const rss = (link: string) =>
      `<rss version="2.0"><channel><title>t</title><item><title>i</title><link>${link}</link></item></channel></rss>`
    expect(parseFeed(rss('/relative/without/base'))).toMatchObject({ ok: true, items: [{ title: 'i', url: null }] })
    expect(parseFeed(rss('javascript:alert(1)'), 'https://x.example/')).toMatchObject({ ok: true, items: [{ url: null }] })
    const opaqueGuid = '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>abc-123</guid></item></channel></rss>'
    expect(parseFeed(opaqueGuid, 'https://x.example/feed')).toMatchObject({ ok: true, items: [{ id: 'abc-123', url: null }] })
  })

  it('reads a zone-less ISO date as UTC and leaves an unreadable date null', () => {
    const rss = (date: string) =>
      `<rss version="2.0"><channel><title>t</title><item><title>i</title><pubDate>${date}</pubDate></item></channel></rss>`
    const dateOf = (date: string) => {
      const feed = parseFeed(rss(date))
      return feed.ok ? (feed.items[0]!.publishedAt?.toISOString() ?? null) : 'failed'
    }
    expect(dateOf('2024-06-01 10:20:30')).toBe('2024-06-01T10:20:30.000Z')
    expect(dateOf('04 Jun 24 09:30 EST')).toBe('2024-06-04T14:30:00.000Z')
    expect(dateOf('yesterday-ish')).toBeNull()
  })
})

describe('looksLikeFeed', () => {
  it.each(['rss2-full.xml', 'rss2-teaser.xml', 'atom.xml', 'rdf.xml', 'jsonfeed.json', 'malformed.xml'])('recognises %s', (name) => {
    expect(looksLikeFeed(fixture(name))).toBe(true)
  })

  it('rejects an HTML page, other XML and other JSON', () => {
    expect(looksLikeFeed(fixture('page.html'))).toBe(false)
    expect(looksLikeFeed('<?xml version="1.0"?><feed><entry/></feed>')).toBe(false) // no Atom namespace
    expect(looksLikeFeed('<?xml version="1.0"?><sitemap/>')).toBe(false)
    expect(looksLikeFeed('{"version": "2.0", "items": []}')).toBe(false)
    expect(looksLikeFeed('')).toBe(false)
  })

  it('sees past a BOM, comments and a prefixed Atom root', () => {
    expect(looksLikeFeed('\uFEFF<!-- generated --><rss version="2.0"></rss>')).toBe(true)
    expect(looksLikeFeed('<a:feed xmlns:a="http://www.w3.org/2005/Atom"></a:feed>')).toBe(true)
  })
})

describe('hasFullContent', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

  it('counts text, not markup', () => {
    expect(hasFullContent(item({ contentHtml: `<p>${words(100)}</p>` }))).toBe(true)
    expect(hasFullContent(item({ contentHtml: `<p class="${'x'.repeat(600)}">short</p>` }))).toBe(false)
    expect(hasFullContent(item({ contentText: words(100) }))).toBe(true)
  })

  it('accepts medium content clearly longer than the summary, not a copy of it', () => {
    const medium = words(40) // about 270 characters
    expect(hasFullContent(item({ contentHtml: medium, summary: 'A teaser.' }))).toBe(true)
    expect(hasFullContent(item({ contentHtml: medium, summary: medium }))).toBe(false)
    expect(hasFullContent(item({ summary: words(200) }))).toBe(false)
  })
})

describe('a description that is the whole article', () => {
  // news-like paragraphs of n words each
  const paragraph = (n: number, i = 0) => Array.from({ length: n }, (_, k) => (k === 0 ? 'The' : `word${i}x${k}`)).join(' ') + '.'
  const paragraphs = (count: number, words: number) => Array.from({ length: count }, (_, i) => paragraph(words, i))
  const html = (ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('\n')

  it('is the article from three paragraphs and 150 words, in HTML, <br><br> or blank-line text', () => {
    const story = html(paragraphs(3, 50))
    expect(fullContent(item({ summary: story, url: 'https://x.example/a' }))).toEqual({ html: story })
    const brs = paragraphs(5, 40).join('<br>\n<br>')
    expect(fullContent(item({ summary: brs }))).toEqual({ html: brs })
    const text = paragraphs(4, 40).join('\n\n')
    expect(fullContent(item({ summary: text }))).toEqual({ text })
  })

  it('is a teaser below either threshold', () => {
    expect(hasFullContent(item({ summary: html(paragraphs(3, 49)) }))).toBe(false) // 147 words
    expect(hasFullContent(item({ summary: html(paragraphs(2, 120)) }))).toBe(false) // two paragraphs
    expect(hasFullContent(item({ summary: paragraph(300) }))).toBe(false) // one long paragraph
    expect(hasFullContent(item({ summary: paragraphs(4, 40).join('<br>') }))).toBe(false) // single breaks: one paragraph
  })

  it('is a teaser when it says it was cut short, however long', () => {
    const long = paragraphs(4, 60)
    expect(hasFullContent(item({ summary: html([...long.slice(0, -1), `${long.at(-1)!.slice(0, -1)} [&#8230;]`]) }))).toBe(false)
    expect(hasFullContent(item({ summary: `${html(long)} <a href="https://x.example/a">Continue reading...</a>` }))).toBe(false)
    expect(hasFullContent(item({ summary: `${html(long)}<p><a href="https://x.example/a">Read more »</a></p>` }))).toBe(false)
    expect(hasFullContent(item({ summary: html(long) }))).toBe(true)
  })

  it('gives way to content that is the article', () => {
    const content = html(paragraphs(4, 40))
    expect(fullContent(item({ contentHtml: content, summary: html(paragraphs(4, 40)) }))).toEqual({ html: content })
  })
})
