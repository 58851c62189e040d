import { html, type Html } from './html.js'
import { formatMonth, plural } from './layout.js'

export interface ChartBucket {
  start: string
  end: string
  articles: number
  quotes: { total: number; direct: number; indirect: number; mixed: number }
}

export interface ChartTimeline {
  interval: 'day' | 'week' | 'month'
  buckets: readonly ChartBucket[]
}

const KINDS = ['direct', 'indirect', 'mixed'] as const
/** Bar fills, each at least 4.5:1 against white. */
export const CHART_COLOURS = { articles: '#5f6b7a', direct: '#a04a00', indirect: '#1d4f91', mixed: '#6d35c4' } as const

const SIZE = { width: 720, height: 240, left: 40, right: 12, top: 14, bottom: 40 }
const PLOT = { width: SIZE.width - SIZE.left - SIZE.right, height: SIZE.height - SIZE.top - SIZE.bottom }
const MAX_GROUP_WIDTH = 64

const round = (n: number) => Math.round(n * 10) / 10

/** The step between y-axis ticks: 1, 2 or 5 times a power of ten, for at most five steps. */
export function tickStep(max: number): number {
  for (let power = 1; ; power *= 10) for (const m of [1, 2, 5]) if (max / (m * power) <= 5) return m * power
}

/** "Dec 2021" for months, the date of the first day for days and weeks. */
export const bucketLabel = (bucket: Pick<ChartBucket, 'start'>, interval: ChartTimeline['interval']) =>
  interval === 'month' ? formatMonth(bucket.start) : bucket.start.slice(0, 10)

const bucketSummary = (b: ChartBucket, label: string) =>
  `${label}: ${plural(b.articles, 'article')}, ${plural(b.quotes.total, 'quote')} (${KINDS.map((k) => `${b.quotes[k]} ${k}`).join(', ')})`

/** What the chart shows, in words, for its accessible description. */
export function describeTimeline(t: ChartTimeline): string {
  const first = t.buckets[0]
  const last = t.buckets.at(-1)
  if (!first || !last) return 'No dated appearances.'
  const articles = t.buckets.reduce((n, b) => n + b.articles, 0)
  const quotes = t.buckets.reduce((n, b) => n + b.quotes.total, 0)
  const busiest = t.buckets.reduce((a, b) => (b.quotes.total + b.articles > a.quotes.total + a.articles ? b : a))
  return (
    `Articles and quotes per ${t.interval} from ${bucketLabel(first, t.interval)} to ${bucketLabel(last, t.interval)}: ` +
    `${plural(articles, 'article')} and ${plural(quotes, 'quote')} in all; the busiest ${t.interval} is ${bucketLabel(busiest, t.interval)}.`
  )
}

function bars(b: ChartBucket, x: number, groupWidth: number, y: (v: number) => number): Html {
  const barWidth = round(groupWidth * 0.4)
  const base = y(0)
  let top = base
  const stacked = KINDS.filter((k) => b.quotes[k] > 0).map((k) => {
    const height = base - y(b.quotes[k])
    top -= height
    return html`<rect
      class="quotes-${k}"
      x="${round(x + groupWidth * 0.5)}"
      y="${round(top)}"
      width="${barWidth}"
      height="${round(height)}"
      fill="${CHART_COLOURS[k]}"
    />`
  })
  return html`<rect
      class="articles"
      x="${round(x + groupWidth * 0.08)}"
      y="${round(y(b.articles))}"
      width="${barWidth}"
      height="${round(base - y(b.articles))}"
      fill="${CHART_COLOURS.articles}"
    />${stacked}`
}

/** Bars per bucket (articles, and quotes stacked by kind) as inline SVG, with a title and a description. */
export function timelineSvg(t: ChartTimeline, name: string): Html {
  const n = t.buckets.length
  const max = Math.max(1, ...t.buckets.flatMap((b) => [b.articles, b.quotes.total]))
  const step = tickStep(max)
  const top = Math.ceil(max / step) * step
  const y = (v: number) => SIZE.top + PLOT.height - (v / top) * PLOT.height
  const slot = PLOT.width / Math.max(n, 1)
  const groupWidth = Math.min(slot, MAX_GROUP_WIDTH)
  const labelEvery = Math.ceil(n / Math.floor(PLOT.width / 80))
  const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step)
  const groups = t.buckets.map((b, i) => {
    const x = SIZE.left + i * slot + (slot - groupWidth) / 2
    const label = bucketLabel(b, t.interval)
    const axisLabel =
      i % labelEvery === 0
        ? html`<text x="${round(SIZE.left + (i + 0.5) * slot)}" y="${SIZE.height - SIZE.bottom + 18}" text-anchor="middle">${label}</text>`
        : null
    return html`<g class="bucket" data-start="${b.start}"><title>${bucketSummary(b, label)}</title>${bars(b, x, groupWidth, y)}</g
      >${axisLabel}`
  })
  const grid = ticks.map(
    (v) =>
      html`<line
          x1="${SIZE.left}"
          x2="${SIZE.width - SIZE.right}"
          y1="${round(y(v))}"
          y2="${round(y(v))}"
          stroke="${v === 0 ? '#333' : '#ddd'}"
        /><text x="${SIZE.left - 6}" y="${round(y(v) + 4)}" text-anchor="end">${v}</text>`,
  )
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${SIZE.width} ${SIZE.height}"
    role="img"
    aria-labelledby="timeline-title timeline-desc"
    font-family="system-ui, sans-serif"
    font-size="12"
    fill="#333"
  >
    <title id="timeline-title">${name}: articles and quotes per ${t.interval}</title>
    <desc id="timeline-desc">${describeTimeline(t)}</desc>
    ${grid}${groups}
  </svg>`
}

/** The same numbers as a table, for reading without the chart. */
export function timelineTable(t: ChartTimeline): Html {
  const rows = t.buckets.map(
    (b) =>
      html`<tr>
        <th scope="row">${bucketLabel(b, t.interval)}</th>
        <td>${b.articles}</td>
        <td>${b.quotes.total}</td>
        ${KINDS.map((k) => html`<td>${b.quotes[k]}</td>`)}
      </tr>`,
  )
  return html`<table>
    <caption class="muted">
      Articles and quotes per ${t.interval}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.interval}</th>
        <th scope="col">articles</th>
        <th scope="col">quotes</th>
        ${KINDS.map((k) => html`<th scope="col">${k}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`
}

const key = (colour: string) =>
  html`<svg class="key" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect width="10" height="10" fill="${colour}" /></svg>`

/** The chart in a figure, with its legend and the table behind a disclosure. */
export function timelineFigure(t: ChartTimeline, name: string): Html {
  if (!t.buckets.length) return html`<p class="muted">No dated appearances to chart.</p>`
  return html`<figure class="chart">
      ${timelineSvg(t, name)}
      <figcaption>
        Left bar of each ${t.interval}: ${key(CHART_COLOURS.articles)}articles. Right bar: quotes, stacked
        ${KINDS.map((k) => html`${key(CHART_COLOURS[k])}${k} `)}(bottom to top).
      </figcaption>
    </figure>
    <details>
      <summary>The numbers as a table</summary>
      ${timelineTable(t)}
    </details>`
}
