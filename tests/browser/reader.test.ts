import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'
import { CHROMIUM, haveBrowser, launchChromium } from '../helpers/browser.js'
import { createTestContext, fixture, scratchFiles, type TestContext } from '../helpers/context.js'

const SCREENSHOTS = join(projectRoot, 'docs', 'screenshots')
const VIEWPORT = { width: 1200, height: 900 }

interface ApiArticle {
  id: string
  body: string
  people: { slug: string; name: string }[]
  quotes: { id: string; speaker: { name: string; person: { slug: string } | null } }[]
}

/** What the page shows in its body section: the text, the people marked and each highlighted quote's speaker. */
const readArticleBody = (page: Page) =>
  page.$eval('section.article-body', (section) => ({
    text: section.textContent,
    people: [...new Set([...section.querySelectorAll('[data-person]')].map((el) => el.getAttribute('data-person')))].sort(),
    speakers: Object.fromEntries(
      [...section.querySelectorAll('mark[data-quote-id]')].map((el) => [el.getAttribute('data-quote-id'), el.getAttribute('data-speaker')]),
    ),
    highlight: section.ownerDocument.defaultView!.getComputedStyle(section.querySelector('mark.indirect')).backgroundColor,
    scripts: section.ownerDocument.querySelectorAll('script').length,
  }))

describe.skipIf(!haveBrowser && !process.env.CI)(`the reader pages in a real browser (${CHROMIUM})`, () => {
  let ctx: TestContext
  let browser: Browser
  let base: string
  let article: ApiArticle
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'))
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const list = (await (await fetch(`${base}/articles?limit=1`)).json()) as { data: { id: string }[] }
    article = (await (
      await fetch(`${base}/articles/${list.data[0]!.id}`, { headers: { accept: 'application/json' } })
    ).json()) as ApiArticle
    mkdirSync(SCREENSHOTS, { recursive: true })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await ctx?.close()
  })

  it('shows the sample article without JavaScript: every person marked, every quote highlighted with its speaker', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT })
    const page = await context.newPage()
    const response = await page.goto(`${base}/read/articles/${article.id}`)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8')

    const shown = await readArticleBody(page)
    expect(shown.text).toBe(article.body)
    expect(shown.people).toEqual(article.people.map((p) => p.slug).sort())
    expect(shown.people).toHaveLength(6)
    expect(Object.keys(shown.speakers)).toHaveLength(20)
    expect(shown.speakers).toEqual(Object.fromEntries(article.quotes.map((q) => [q.id, q.speaker.name])))
    for (const name of ['Yuri Ushakov', 'Xi Jinping', 'Vladimir Putin']) {
      const ids = article.quotes.filter((q) => q.speaker.name === name).map((q) => q.id)
      expect(ids.length, name).toBeGreaterThan(0)
      expect(
        Object.keys(shown.speakers)
          .filter((id) => shown.speakers[id] === name)
          .sort(),
        name,
      ).toEqual(ids.sort())
    }
    // the inline styles applied under the content security policy
    expect(shown.highlight).toBe('rgb(207, 227, 255)')
    expect(shown.scripts).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-article.png'), fullPage: true })

    // a speaker link leads to the person's page, with the chart and their quotes
    await page.locator('section.article-body a.speaker[href="/read/people/xi-jinping"]').first().click()
    await page.waitForURL(`${base}/read/people/xi-jinping`)
    expect(await page.locator('h1').textContent()).toBe('Xi Jinping')
    expect(await page.locator('figure.chart > svg[role="img"] g.bucket').count()).toBeGreaterThan(0)
    expect(await page.locator('figure.chart > svg title#timeline-title').textContent()).toContain('Xi Jinping')
    const xiQuotes = article.quotes.filter((q) => q.speaker.person?.slug === 'xi-jinping')
    expect(await page.locator('ol.quotes > li').count()).toBe(xiQuotes.length)
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-person.png'), fullPage: true })

    // and each quote back into the article text, at its highlight
    await page.locator('ol.quotes > li a[href*="#quote-"]').first().click()
    await page.waitForURL(/\/read\/articles\/\w+#quote-\w+$/)
    const target = new URL(page.url()).hash.slice(1)
    expect(await page.locator(`mark#${target}`).isVisible()).toBe(true)
    await context.close()
  })

  it('answers GET /articles/:id with the reader page in a browser, and shows a script in an article as text', async () => {
    const hostile = '<script>alert(1)</script>'
    const [outcome] = await ctx.ingest(
      scratchFiles('newsdesk-reader-browser-')(
        'hostile.txt',
        `${hostile} in the headline\nThe mayor found ${hostile} in the page, Ann Lee said.`,
      ),
    )
    const id = outcome!.records[0]!.id!
    const context = await browser.newContext({ viewport: VIEWPORT })
    const page = await context.newPage()
    const dialogs: string[] = []
    const problems: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })

    const response = await page.goto(`${base}/articles/${id}`)
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8')
    expect(await page.locator('h1').textContent()).toBe(`${hostile} in the headline`)
    expect(await page.locator('section.article-body').textContent()).toContain(`The mayor found ${hostile} in the page`)
    expect(await page.locator('script').count()).toBe(0)

    await page.goto(`${base}/articles/${article.id}`)
    expect(await page.locator('section.article-body mark[data-quote-id]').count()).toBeGreaterThanOrEqual(20)
    expect(dialogs).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  })
})
