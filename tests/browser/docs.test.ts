import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, haveBrowser, launchChromium } from '../helpers/browser.js'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'

describe.skipIf(!haveBrowser && !process.env.CI)(`the API reference in a real browser (${CHROMIUM})`, () => {
  let ctx: TestContext
  let browser: Browser
  let base: string
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'))
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await ctx?.close()
  })

  it('renders /docs with every route, on the first load and on every load after it', async () => {
    const expected = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }
    const routes = Object.entries(expected.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(routes.length).toBe(20)
    for (let load = 1; load <= 3; load++) {
      // a fresh context each time: nothing comes from the browser's own cache, every answer from the server
      const page = await browser.newPage()
      // the page's content security policy must let Swagger UI do all it does
      const refused: string[] = []
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
      })
      const response = await page.goto(`${base}/docs`)
      expect(response?.headers()['content-type'], `load ${load}`).toMatch(/^text\/html/)
      expect(response?.headers()['content-security-policy'], `load ${load}`).toMatch(/script-src 'self'/)
      await page.waitForSelector('.opblock-summary', { timeout: 15_000 })
      const shown = await page.$$eval('.opblock-summary', (els) =>
        els.map((el) => {
          const method = el.querySelector('.opblock-summary-method')?.textContent?.trim() ?? ''
          const path =
            el.querySelector('.opblock-summary-path')?.getAttribute('data-path') ??
            el.querySelector('.opblock-summary-path')?.textContent?.trim() ??
            ''
          return `${method} ${path.replace(/\u200b/g, '')}`
        }),
      )
      expect(shown.sort(), `load ${load}`).toEqual([...routes].sort())
      // open one operation and try it: its answer is fetched and shown under the policy too
      await page.click('.opblock-summary:has-text("/stats")')
      await page.click('button.try-out__btn')
      await page.click('button.execute')
      await page.waitForSelector('.live-responses-table .response-col_status', { timeout: 15_000 })
      expect(refused, `load ${load}`).toEqual([])
      await page.close()
    }
  })
})
