import { html, raw, type Html } from './html.js'

/** Reader pages load nothing but themselves: no scripts, no frames, styles only inline, images only from here. */
export const READER_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export const articlePath = (id: string) => `/read/articles/${encodeURIComponent(id)}`
export const personPath = (slug: string) => `/read/people/${encodeURIComponent(slug)}`
export const quoteAnchor = (quoteId: string) => `quote-${quoteId}`

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "15 December 2021" (UTC, like the API's dates). */
export function formatDate(iso: string): string {
  const d = new Date(iso)
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** "Dec 2021" */
export const formatMonth = (iso: string) => `${MONTHS[new Date(iso).getUTCMonth()]!.slice(0, 3)} ${new Date(iso).getUTCFullYear()}`

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** A date as a <time> element, or nothing without one. */
export const time = (iso: string | null) => (iso ? html`<time datetime="${iso}">${formatDate(iso)}</time>` : null)

// Colours: text on each highlight keeps a contrast above 12:1; kinds also differ by underline style and a label.
const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --link: #0b57a4;
  --direct: #fde68a; --direct-line: #8a4b00; --indirect: #cfe3ff; --indirect-line: #1d4f91; --mixed: #e6dcff; --mixed-line: #5b2c9e; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
a { color: var(--link); }
a:focus-visible, mark:target { outline: 3px solid #111; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; }
header.site, main, footer.site { max-width: 48rem; margin: 0 auto; padding: 0 1.25rem; }
header.site { border-bottom: 1px solid var(--rule); }
header.site nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; margin: 0; padding: .75rem 0; }
header.site nav li:first-child { font-weight: 700; margin-right: auto; }
footer.site { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: .75rem; padding-bottom: 2rem; color: var(--muted); font-size: .875rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1.5rem 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
.meta { color: var(--muted); font-size: .9375rem; margin: 0 0 1rem; }
.meta span + span::before { content: " · "; }
.muted { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; list-style: none; padding: .6rem .8rem; margin: 1rem 0 1.5rem; border: 1px solid var(--rule); border-radius: 6px; font-size: .875rem; }
.article-body p { margin: 0 0 1.1em; }
mark.quote { color: var(--ink); padding: .05em 0; text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: .22em; }
mark.direct { background: var(--direct); text-decoration-style: solid; text-decoration-color: var(--direct-line); }
mark.indirect { background: var(--indirect); text-decoration-style: dashed; text-decoration-color: var(--indirect-line); }
mark.mixed { background: var(--mixed); text-decoration-style: dotted; text-decoration-color: var(--mixed-line); }
.mention { font-weight: 650; }
.speaker { font-weight: 650; }
.cue { font-style: italic; }
.speaker-organization::after, .speaker-group::after, .speaker-unknown::after { font-size: .7em; font-weight: 600; letter-spacing: .02em; text-transform: uppercase; color: var(--muted); margin-left: .25em; vertical-align: .15em; }
.speaker-organization::after { content: "organisation"; }
.speaker-group::after { content: "group"; }
.speaker-unknown::after { content: "unknown"; }
.furniture { color: var(--muted); font-size: .9em; background: repeating-linear-gradient(135deg, #f4f4f4 0 6px, #fff 6px 12px); }
.furniture::before { content: "Not part of the article · " attr(data-kind) ": "; font-size: .75em; font-weight: 600; text-transform: uppercase; letter-spacing: .02em; }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; padding: 0 .4em; border-radius: 3px; border: 1px solid currentColor; color: var(--muted); vertical-align: .1em; }
.badge.direct { background: var(--direct); color: var(--direct-line); }
.badge.indirect { background: var(--indirect); color: var(--indirect-line); }
.badge.mixed { background: var(--mixed); color: var(--mixed-line); }
ol.quotes { padding-left: 1.5rem; }
ol.quotes > li { margin: 0 0 1.25rem; padding-left: .25rem; }
ol.quotes p { margin: .15rem 0; }
.said { border-left: 3px solid var(--rule); padding-left: .75rem; }
.said.direct { border-left-color: var(--direct-line); }
.said.indirect { border-left-color: var(--indirect-line); border-left-style: dashed; }
.said.mixed { border-left-color: var(--mixed-line); border-left-style: dotted; }
ul.people { padding-left: 1.25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure.chart { margin: 1rem 0; }
figure.chart > svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .875rem; color: var(--muted); }
.key { width: .8em; height: .8em; margin: 0 .3em 0 .15em; vertical-align: -.05em; }
table { border-collapse: collapse; font-size: .875rem; margin: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
details summary { cursor: pointer; color: var(--link); }
`

export interface PageOptions {
  title: string
  /** The same resource as JSON (a `rel=alternate` link). */
  jsonHref?: string
  main: Html
}

/** A whole reader document: landmarks, navigation, inline styles and nothing to run. */
export function page({ title, jsonHref, main }: PageOptions): string {
  return (
    '<!doctype html>\n' +
    html`<html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Newsdesk reader</title>
        ${jsonHref ? html`<link rel="alternate" type="application/json" href="${jsonHref}" />` : null}
        <style>
          ${raw(CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <nav aria-label="Site">
            <ul>
              <li>Newsdesk reader</li>
              <li><a href="/docs">API reference</a></li>
            </ul>
          </nav>
        </header>
        <main id="main">${main}</main>
        <footer class="site"><p>Quotes, speakers and people are found by Newsdesk's extraction pipeline and may contain errors.</p></footer>
      </body>
    </html> `.__html
  )
}

/** A small page for an error (404 and the like). */
export function errorPage(status: number, title: string, detail: string): string {
  return page({
    title,
    main: html`<h1>${title}</h1>
      <p>${detail}</p>
      <p class="muted">HTTP status ${status}</p>`,
  })
}
