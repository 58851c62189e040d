import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractArticle, type HtmlArticle } from '../../src/web/html/extract.js'
import { parseDate, splitNames, stripSiteName } from '../../src/web/html/metadata.js'

const newsPage = readFileSync(new URL('../fixtures/html/news-page.html', import.meta.url), 'utf8')

function article(html: string, opts?: { url?: string; budgetMs?: number }): HtmlArticle {
  const r = extractArticle(html, opts)
  if (!r.ok) throw new Error(`extraction failed: ${r.reason}`)
  return r.article
}

const para = (n: number) =>
  `<p>Paragraph ${n} of the story says that the committee met on Tuesday, heard the evidence, and decided, after a long debate, to publish its findings in full.</p>`

describe('extractArticle on a news page with furniture', () => {
  const a = article(newsPage, { url: 'https://tide.example/news/story?id=1' })

  it('keeps only the article paragraphs and headings in the body', () => {
    expect(a.body.split('\n\n')).toEqual([
      'The harbour bridge will reopen to traffic on Monday, the city council said, ending six weeks of closures that have lengthened commutes across the town.',
      'Engineers replaced two corroded steel bearings and resurfaced the deck, according to a statement, and the work finished & passed inspection ahead of schedule.',
      '“We’re relieved,” said Maria Lopez, who runs a café near the northern end. “Trade fell by a third while the bridge was shut.”',
      'What happens next',
      'The council will monitor the bearings monthly for a year, and a second phase of repairs, to the southern approach, is planned for the autumn.',
    ])
  })

  it('never lets scripts, styles, templates, noscript, nav, share bars, related, comments, cookie or newsletter text in', () => {
    for (const s of [
      'SCRIPT',
      'STYLE',
      'TEMPLATE',
      'NOSCRIPT',
      'Sport',
      'Share on',
      'Related',
      'About time',
      'cookies',
      'newsletter',
      'rights reserved',
    ])
      expect(a.body).not.toContain(s)
  })

  it('puts the figure caption and credit in captions', () => {
    expect(a.captions).toEqual(['The harbour bridge at dusk. Photo: Ann Poe'])
    expect(a.body).not.toContain('dusk')
  })

  it('reads JSON-LD metadata through @graph and @id references', () => {
    expect(a.title).toBe('Harbour bridge to reopen after repairs')
    expect(a.authors).toEqual(['Jane Doe', 'John Roe'])
    expect(a.byline).toBe('By Jane Doe and John Roe')
    expect(a.siteName).toBe('The Daily Tide')
    expect(a.section).toBe('Local news')
    expect(a.publishedAt?.toISOString()).toBe('2024-03-05T08:30:00.000Z')
    expect(a.modifiedAt?.toISOString()).toBe('2024-03-05T09:00:00.000Z')
    expect(a.language).toBe('en-GB')
    expect(a.description).toBe('The bridge closed in March after inspectors found cracks.')
  })

  it('resolves a relative canonical link against the page URL', () => {
    expect(a.canonicalUrl).toBe('https://tide.example/news/harbour-bridge-reopens')
    expect(article(newsPage).canonicalUrl).toBeNull() // relative, and no page URL to resolve it against
  })
})

describe('metadata without JSON-LD', () => {
  const page = `<!doctype html><html><head>
    <meta property="og:title" content="Mayor resigns over expenses — Valley Herald">
    <meta property="og:site_name" content="Valley Herald">
    <meta name="author" content="Ann Poe, Bob Stone">
    <meta property="article:section" content="Politics">
    <meta http-equiv="content-language" content="fr">
    <meta property="og:url" content="https://herald.example/politics/mayor">
    </head><body><article><time datetime="2023-11-02T17:45:00-05:00">Nov 2</time>${para(1)}${para(2)}${para(3)}</article></body></html>`
  const a = article(page)

  it('falls back to meta tags and <time datetime>', () => {
    expect(a.title).toBe('Mayor resigns over expenses')
    expect(a.authors).toEqual(['Ann Poe', 'Bob Stone'])
    expect(a.section).toBe('Politics')
    expect(a.language).toBe('fr')
    expect(a.canonicalUrl).toBe('https://herald.example/politics/mayor')
    expect(a.publishedAt?.toISOString()).toBe('2023-11-02T22:45:00.000Z')
    expect(a.body.split('\n\n')).toHaveLength(3)
  })

  it('takes the <title> minus the site name when nothing else names the page', () => {
    const b = article(
      `<html><head><title>Flood warning lifted | River News</title><meta name="application-name" content="River News"></head><body>${para(1)}${para(2)}</body></html>`,
    )
    expect(b.title).toBe('Flood warning lifted')
    expect(b.siteName).toBe('River News')
  })
})

describe('pages without an article', () => {
  it('fails on a section index of links', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `<li><a href="/story/${i}">Headline number ${i} about the council, the budget and the weather</a></li>`,
    ).join('')
    const r = extractArticle(`<html><head><title>News</title></head><body><h1>Latest news</h1><ul>${items}</ul></body></html>`)
    expect(r).toEqual({ ok: false, reason: 'no article found in the page' })
  })

  it('fails on a login wall and on an empty page', () => {
    const wall = '<html><body><h1>Subscribe to continue</h1><p>Log in to read this story.</p><form><input name="user"></form></body></html>'
    expect(extractArticle(wall)).toEqual({ ok: false, reason: 'no article found in the page' })
    expect(extractArticle('<html><body></body></html>')).toEqual({ ok: false, reason: 'no article found in the page' })
  })

  it('fails on text that is not HTML', () => {
    expect(extractArticle('{"title": "not a page"}')).toEqual({ ok: false, reason: 'page is not HTML' })
    expect(extractArticle('plain text, no markup at all. Another sentence here.')).toEqual({ ok: false, reason: 'page is not HTML' })
  })
})

describe('text normalisation', () => {
  it('decodes entities, collapses whitespace, keeps paragraph breaks and <br> lines', () => {
    const a = article(
      `<html><body><div class="story">
      <p>Fish &amp; chips cost&nbsp;&pound;9 &#8211; up   from
      &#163;7, the owner said. It&#8217;s &quot;the rent&quot;.</p>
      <p>Line one of the poem, which is long enough to count.<br>Line two of the poem, also long enough.</p>
      ${para(1)}</div></body></html>`,
    )
    const [first, second] = a.body.split('\n\n')
    expect(first).toBe('Fish & chips cost £9 – up from £7, the owner said. It’s "the rent".')
    expect(second).toBe('Line one of the poem, which is long enough to count.\nLine two of the poem, also long enough.')
  })

  it('keeps unclosed tags from swallowing the text', () => {
    const a = article(
      `<html><body><div><p>${'Unclosed paragraph with a sentence, and more words to make it long. '.repeat(3)}<p><b>Bold never closed. ${'More text follows here, with commas, in the same block. '.repeat(3)}<div><i>Italic`,
    )
    expect(a.body).toContain('Unclosed paragraph with a sentence')
    expect(a.body).toContain('Bold never closed.')
  })
})

describe('hostile input', () => {
  it('survives 100,000-deep nesting within the budget', () => {
    const depth = 100_000
    const html = `<html><body>${'<div>'.repeat(depth)}${para(1)}${para(2)}${'</div>'.repeat(depth)}</body></html>`
    const start = performance.now()
    const r = extractArticle(html)
    expect(performance.now() - start).toBeLessThan(3000)
    expect(r.ok ? r.article.body : r.reason).toMatch(/Paragraph 1|no article|longer than/)
  })

  it('survives a 10 MB page within the budget', () => {
    const block = `<div class="x">${para(1)}<a href="/a">link</a><span>${'word '.repeat(20)}</span></div>`
    const html = `<html><body>${block.repeat(Math.ceil(10_000_000 / block.length))}</body></html>`
    expect(html.length).toBeGreaterThan(10_000_000)
    const start = performance.now()
    const r = extractArticle(html)
    expect(performance.now() - start).toBeLessThan(3000)
    expect(r.ok || /longer than 2000 ms/.test(r.reason)).toBe(true)
  })

  it('gives the timeout failure when the budget is 1 ms on a large page', () => {
    const html = `<html><body>${`<div>${para(1)}</div>`.repeat(20_000)}</body></html>`
    expect(extractArticle(html, { budgetMs: 1 })).toEqual({ ok: false, reason: 'extraction took longer than 1 ms' })
  })
})

describe('metadata helpers', () => {
  it('splits bylines into names', () => {
    expect(splitNames('By Jane Doe, John Roe and Ann Poe')).toEqual(['Jane Doe', 'John Roe', 'Ann Poe'])
    expect(splitNames('by Max Mustermann')).toEqual(['Max Mustermann'])
  })

  it('strips the site name from either end of a title only', () => {
    expect(stripSiteName('Budget passes - Metro Daily', 'Metro Daily', null)).toBe('Budget passes')
    expect(stripSiteName('Metro Daily | Budget passes', 'Metro Daily', null)).toBe('Budget passes')
    expect(stripSiteName('Budget passes - but not easily', 'Metro Daily', null)).toBe('Budget passes - but not easily')
  })

  it('parses ISO, Unix and RFC dates and rejects nonsense', () => {
    expect(parseDate('2020-01-02 03:04:05Z')?.toISOString()).toBe('2020-01-02T03:04:05.000Z')
    expect(parseDate('1700000000')?.toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(parseDate('Tue, 05 Mar 2024 08:30:00 GMT')?.toISOString()).toBe('2024-03-05T08:30:00.000Z')
    expect(parseDate('yesterday')).toBeNull()
    expect(parseDate('0001-01-01')).toBeNull()
  })
})

describe('cleaning rules inside the article', () => {
  const page = (inner: string, head = '') => `<html><head>${head}</head><body><article>${inner}</article></body></html>`
  const long = (n: number) => para(n).slice(3, -4)

  it('keeps inline words inside running text whatever their class (a gloss link, a dateline span)', () => {
    const a = article(
      page(
        `<p><span class="dateline">CAIRO —</span> Gunmen opened fire on visitors at the museum, officials said, in an attack on the capital.</p><p>The <a class="popup" href="#g">scrivener</a> said, quietly and firmly, that he would prefer not to, and went on with his copying.</p>${para(1)}`,
      ),
    )
    expect(a.body).toContain('CAIRO — Gunmen opened fire')
    expect(a.body).toContain('The scrivener said')
  })

  it('still drops a classed element that is the whole block (counter-example)', () => {
    const a = article(page(`<p><span class="byline">By Jane Doe, Staff Writer, in the Capital</span></p>${para(1)}${para(2)}`))
    expect(a.body).not.toContain('Jane Doe')
  })

  it('keeps an article header that holds only a standfirst, drops one with the headline and date', () => {
    const intro = 'Most of the work our brains do happens out of sight, but when does the moment of insight come? New research looks.'
    const a = article(page(`<header>${intro}</header>${para(1)}${para(2)}`))
    expect(a.body.split('\n\n')[0]).toBe(intro)
    const b = article(page(`<header><h2>The headline</h2><time datetime="2024-01-01">Jan 1</time> ${intro}</header>${para(1)}${para(2)}`))
    expect(b.body).not.toContain('New research looks')
  })

  it('drops an author bio box, keeps a class that only starts like one', () => {
    const a = article(
      page(`${para(1)}${para(2)}<div class="post-body-bio">Erin Doe is a correspondent for The Post, based in Cairo.</div>`),
    )
    expect(a.body).not.toContain('correspondent')
    const b = article(page(`${para(1)}${para(2)}<div class="biology-notes"><p>${long(3)}</p></div>`))
    expect(b.body).toContain('Paragraph 3')
  })

  it('drops a chart (its axis labels and figures), keeps a box named after graphics cards', () => {
    const chart = `<section class="interactive-embedded custom-graphic-container"><p>Interest payments on the debt</p><div class="ai2html"><p>$915</p><p>600</p><p>’17</p></div></section>`
    const a = article(page(`${para(1)}${chart}${para(2)}`))
    expect(a.body).not.toContain('Interest payments')
    const b = article(page(`${para(1)}<div class="graphics-card-review"><p>${long(3)}</p></div>${para(2)}`))
    expect(b.body).toContain('Paragraph 3')
  })

  it('drops a date stamp pair and a bare share counter, keeps numbers in a table and dates inside sentences', () => {
    const a = article(
      page(
        `<p>Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC</p><div>137</div>${para(1)}<p>On Dec. 6, 2024, the vote failed.</p><table><tr><td>Year</td><td>1993</td></tr></table>${para(2)}`,
      ),
    )
    expect(a.body).not.toContain('UTC')
    expect(a.body).not.toMatch(/^137$/m)
    expect(a.body).toContain('On Dec. 6, 2024, the vote failed.')
    expect(a.body).toMatch(/^1993$/m)
  })
})

describe('title cross-check', () => {
  it('takes the h1 when the declared title names something else and the <title> agrees with the h1', () => {
    const head =
      '<meta property="og:title" content="Daily News - Latest News &amp; Headlines"><title>Space ship breaks up over Siberia</title>'
    const a = article(`<html><head>${head}</head><body><h1>Space ship breaks up over Siberia</h1>${para(1)}${para(2)}</body></html>`)
    expect(a.title).toBe('Space ship breaks up over Siberia')
  })

  it('keeps the declared title when it extends the h1 (counter-example)', () => {
    const head = '<meta property="og:title" content="Space ship breaks up: what went wrong"><title>Space ship breaks up</title>'
    const a = article(`<html><head>${head}</head><body><h1>Space ship breaks up</h1>${para(1)}${para(2)}</body></html>`)
    expect(a.title).toBe('Space ship breaks up: what went wrong')
  })
})
