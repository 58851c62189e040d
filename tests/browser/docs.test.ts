import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, fixture, type TestContext } from '../helpers/context.js'

/** Debian's Chromium (apt install chromium; .ci/run installs it): never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const haveBrowser = existsSync(CHROMIUM)

describe.skipIf(!haveBrowser && !process.env.CI)(`the API reference in a real browser (${CHROMIUM})`, () => {
  let ctx: TestContext
  let browser: Browser
  let base: string
  beforeAll(async () => {
    ctx = await createTestContext()
    await ctx.ingest(fixture('../../prisma/sample-data'))
    base = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    browser = await chromium.launch({
      // playwright gives each launch a new empty profile; the flags keep Chromium off the (closed) network
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
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
    expect(routes.length).toBe(9)
    for (let load = 1; load <= 3; load++) {
      // a fresh context each time: nothing comes from the browser's own cache, every answer from the server
      const page = await browser.newPage()
      const response = await page.goto(`${base}/docs`)
      expect(response?.headers()['content-type'], `load ${load}`).toMatch(/^text\/html/)
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
      await page.close()
    }
  })
})
