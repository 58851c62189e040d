import robotsParserModule from 'robots-parser'

// robots-parser is CommonJS (`module.exports = fn`) but its types declare an ES default export, which NodeNext
// types as `{ default: fn }`: at run time the default import is the function itself
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default

/** What fetching an origin's robots.txt gave (RFC 9309 §2.3.1). */
export type RobotsFile =
  | { kind: 'found'; text: string } // 2xx
  | { kind: 'unavailable' } // 4xx: everything is allowed
  | { kind: 'unreachable'; reason: string } // 5xx, 429 or a network failure: nothing is allowed

export interface RobotsRules {
  /** null when the URL may be fetched, else why not */
  refusal(url: string): string | null
  /** robots.txt Crawl-delay for our user agent, in ms */
  crawlDelayMs: number | null
}

// A robots.txt asking for more than a minute between requests would stall an ingest run: a minute is polite enough
const MAX_CRAWL_DELAY_MS = 60_000

/** The product token robots.txt groups are matched on: "NewsdeskBot" for "NewsdeskBot/0.1 (+https://…)". */
export function productToken(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/)[0] || userAgent
}

export function robotsRules(robotsUrl: string, file: RobotsFile, userAgent: string): RobotsRules {
  if (file.kind === 'unavailable') return { refusal: () => null, crawlDelayMs: null }
  if (file.kind === 'unreachable') return { refusal: () => file.reason, crawlDelayMs: null }
  const robots = robotsParser(robotsUrl, file.text)
  const token = productToken(userAgent)
  const delaySeconds = robots.getCrawlDelay(token)
  return {
    refusal: (url) => (robots.isAllowed(url, token) === false ? 'disallowed by robots.txt' : null),
    crawlDelayMs: delaySeconds && delaySeconds > 0 ? Math.min(delaySeconds * 1000, MAX_CRAWL_DELAY_MS) : null,
  }
}

/** robots.txt rules per origin, each fetched once (concurrent callers share the fetch) and kept for the cache's life. */
export function createRobotsCache(load: (robotsUrl: string) => Promise<RobotsFile>, userAgent: string) {
  const byOrigin = new Map<string, Promise<RobotsRules>>()
  return {
    rulesFor(url: URL): Promise<RobotsRules> {
      let rules = byOrigin.get(url.origin)
      if (!rules) {
        const robotsUrl = new URL('/robots.txt', url.origin).href
        rules = load(robotsUrl).then((file) => robotsRules(robotsUrl, file, userAgent))
        byOrigin.set(url.origin, rules)
      }
      return rules
    },
  }
}
