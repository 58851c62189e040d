import { describe, expect, it } from 'vitest'
import { pageArticle, siteOf } from '../../src/ingest/web.js'
import type { HtmlArticle } from '../../src/web/html/extract.js'

const page = (canonicalUrl: string | null): HtmlArticle => ({
  title: 'Harbour plan approved',
  body: 'The council approved the plan on Monday, the mayor said.',
  byline: null,
  authors: [],
  publishedAt: null,
  modifiedAt: null,
  canonicalUrl,
  siteName: null,
  section: null,
  language: null,
  description: null,
  captions: [],
})

describe('web page records', () => {
  it('name a site by its registrable part', () => {
    expect(siteOf('https://www.bbc.co.uk/news/1')).toBe('bbc.co.uk')
    expect(siteOf('https://amp.example.com/a')).toBe('example.com')
    expect(siteOf('https://news.example.com.au/a')).toBe('example.com.au')
    expect(siteOf('not a url')).toBeNull()
  })

  it('take the canonical URL as identity on the same site, never one on another site', () => {
    expect(pageArticle(page('https://www.example.com/story'), 'https://amp.example.com/story?x=1', []).url).toBe(
      'https://www.example.com/story',
    )
    const claimed = pageArticle(page('https://trusted.example/story'), 'https://evil.example/story', [])
    expect(claimed.url).toBe('https://evil.example/story')
    expect(claimed.warnings.join()).toMatch(/another site/)
    // a saved file has no address of its own: its canonical URL is all there is
    expect(pageArticle(page('https://trusted.example/story'), null, []).url).toBe('https://trusted.example/story')
  })
})
