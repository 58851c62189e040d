import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../src/modules/articles/articles.schema.js'
import type { Person } from '../../src/modules/people/people.schema.js'
import type { Quote } from '../../src/modules/quotes/quotes.schema.js'
import { annotate, annotateRanges, paragraphs, type Annotation } from '../../src/reader/annotate.js'
import { articlePage, bodySection } from '../../src/reader/article-page.js'
import { escapeHtml, html, raw } from '../../src/reader/html.js'
import { personPage } from '../../src/reader/person-page.js'
import { describeTimeline, tickStep, timelineFigure, timelineSvg, type ChartBucket } from '../../src/reader/timeline-chart.js'

const VOID_ELEMENTS = new Set(['meta', 'link'])
const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>/g
const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|#13|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#13': '\r', amp: '&' })[e]!)

/**
 * A strict reading of the markup these functions write: every tag well formed and closed in order,
 * no stray `<` or `>` in text. Returns the decoded text and the opened elements.
 */
function readMarkup(document: string) {
  const markup = document.replace(/^<!doctype html>\s*/, '').replace(/<style>[^<]*<\/style>/, '')
  const open: string[] = []
  const elements: { name: string; attrs: string }[] = []
  let text = ''
  let last = 0
  for (const m of markup.matchAll(TAG)) {
    const between = markup.slice(last, m.index)
    expect(between, `stray markup before ${m[0]}`).not.toMatch(/[<>]/)
    text += between
    last = m.index + m[0].length
    const [, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string]
    if (closing) expect(open.pop(), `closing ${name}`).toBe(name)
    else if (!selfClosing && !VOID_ELEMENTS.has(name)) open.push(name)
    if (!closing) elements.push({ name, attrs })
  }
  expect(markup.slice(last)).not.toMatch(/[<>]/)
  expect(open, 'unclosed elements').toEqual([])
  return { text: decode(text + markup.slice(last)), elements }
}

/** Markup with runs of whitespace as one space and none between tags (the templates are formatted by Prettier). */
const squash = (markup: string) =>
  markup
    .replace(/\s+/g, ' ')
    .replace(/> </g, '><')
    .replace(/\s+(\/?>)/g, '$1')

const ann = (start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
  start,
  end,
  layer: 1,
  tag: 'span',
  attrs: { class: `a${start}-${end}` },
  ...extra,
})

describe('the html template', () => {
  it('escapes text and attribute values, and keeps fragments, arrays, numbers and absent values as they should be', () => {
    const hostile = `<script>alert("x" & 'y')</script>`
    expect(html`<p title="${hostile}">${hostile}</p>`.__html).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</p>',
    )
    const items = ['a<', 'b'].map((x) => html`<li>${x}</li>`)
    expect(html`${items}`.__html).toBe('<li>a&lt;</li><li>b</li>')
    expect(html`${0}|${null}|${undefined}|${false}|${raw('<b>ok</b>')}`.__html).toBe('0||||<b>ok</b>')
    expect(escapeHtml('a\r\nb')).toBe('a&#13;\nb')
  })
})

describe('annotating a text', () => {
  it('nests an annotation inside another (a mention inside a quote)', () => {
    const text = 'He said Xi Jinping backed the plan.'
    const quote = ann(8, 34, { tag: 'mark', attrs: { class: 'quote' }, firstAttrs: { id: 'quote-1' } })
    const mention = ann(8, 18, { layer: 4, attrs: { class: 'mention' } })
    expect(annotate(text, [mention, quote])).toBe(
      'He said <mark class="quote" id="quote-1"><span class="mention">Xi Jinping</span> backed the plan</mark>.',
    )
  })

  it('splits annotations that cross, keeping the output well formed and the first-only attributes on the first piece', () => {
    const text = 'abcdefghijklmnopq'
    const out = annotate(text, [ann(0, 10, { firstAttrs: { id: 'first' } }), ann(5, 15)])
    expect(out).toBe('<span class="a0-10" id="first">abcde<span class="a5-15">fghij</span></span><span class="a5-15">klmno</span>pq')
    expect(readMarkup(out).text).toBe(text)
  })

  it('puts the lower layer outside when two annotations cover the same characters', () => {
    expect(
      annotate('Ushakov said', [ann(0, 7, { layer: 4, attrs: { class: 'inner' } }), ann(0, 7, { layer: 2, attrs: { class: 'outer' } })]),
    ).toBe('<span class="outer"><span class="inner">Ushakov</span></span> said')
  })

  it('never opens a link inside a link', () => {
    const link = (start: number, end: number, href: string) => ann(start, end, { tag: 'a', attrs: { href } })
    const out = annotate('Putin’s adviser Yuri Ushakov', [
      link(0, 28, '/read/people/yuri-ushakov'),
      link(0, 5, '/read/people/vladimir-putin'),
    ])
    expect(out).toBe('<a href="/read/people/yuri-ushakov"><span>Putin</span>’s adviser Yuri Ushakov</a>')
  })

  it('cuts a body into paragraphs at newlines, skipping blank lines', () => {
    expect(paragraphs('One.\n\nTwo two.\n  \nThree')).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 14 },
      { start: 18, end: 23 },
    ])
    expect(paragraphs('\n\n')).toEqual([])
  })

  it('gives a quote that runs over a paragraph break its anchor once', () => {
    const text = 'First part\nsecond part'
    const quote = ann(6, 17, { tag: 'mark', attrs: { 'data-quote-id': 'q' }, firstAttrs: { id: 'quote-q' } })
    const [a, b] = annotateRanges(text, [quote], paragraphs(text))
    expect(a).toBe('First <mark data-quote-id="q" id="quote-q">part</mark>')
    expect(b).toBe('<mark data-quote-id="q">second</mark> part')
  })

  it('always writes well-formed markup whose text is exactly the body, whatever the annotations', () => {
    const body = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '<', '&', '"', "'", '’', '\r'), maxLength: 60 })
    const annotation = (length: number) =>
      fc.record({
        start: fc.integer({ min: 0, max: length }),
        end: fc.integer({ min: 0, max: length + 2 }),
        layer: fc.integer({ min: 0, max: 4 }),
        tag: fc.constantFrom('mark' as const, 'span' as const, 'a' as const),
        attrs: fc.record({ class: fc.constantFrom('x', 'y<"&'), href: fc.constant('/x') }),
        firstAttrs: fc.option(fc.record({ id: fc.string({ maxLength: 4 }) }), { nil: undefined }),
      })
    fc.assert(
      fc.property(
        body.chain((text) => fc.tuple(fc.constant(text), fc.array(annotation(text.length), { maxLength: 12 }))),
        ([text, annotations]) => {
          const { text: shown, elements } = readMarkup(bodySection(text, annotations).__html)
          expect(shown).toBe(text)
          // links never nest: an <a> is always closed before the next one opens (checked by readMarkup's order)
          expect(elements.filter((e) => e.name === 'section')).toHaveLength(1)
        },
      ),
      { numRuns: 300 },
    )
  })
})

const PERSON_REF = { id: 'p1', slug: 'ann-lee', name: 'Ann Lee' }
type Speaker = Article['quotes'][number]['speaker']
const speaker = (s: Pick<Speaker, 'name' | 'type' | 'text' | 'offsets' | 'person'>) => s as Speaker

function quote(over: Partial<Article['quotes'][number]> & Pick<Quote, 'id' | 'start' | 'end'>, body: string): Article['quotes'][number] {
  return {
    content: body.slice(over.start, over.end),
    parts: [],
    kind: 'direct',
    cue: 'said',
    cueOffsets: null,
    via: null,
    confidence: 0.9,
    speaker: speaker({ name: 'Ann Lee', type: 'person', text: 'she', offsets: null, person: PERSON_REF }),
    sentence: { start: 0, end: body.length, text: body },
    article: { id: 'a1', title: 'T', publishedAt: null },
    correction: null,
    ...over,
  }
}

function articleOf(body: string, over: Partial<Article> = {}): Article {
  return {
    id: 'a1',
    title: 'Vote ahead',
    publishedAt: '2021-12-15T00:00:00.000Z',
    section: 'Politics',
    dateline: 'BRNO',
    agency: 'AP',
    url: null,
    excerpt: body.slice(0, 20),
    peopleCount: 0,
    quoteCount: 0,
    body,
    furniture: [],
    fileName: null,
    format: 'txt',
    extra: null,
    extractorVersion: 'test',
    createdAt: '2021-12-15T00:00:00.000Z',
    updatedAt: '2021-12-15T00:00:00.000Z',
    people: [],
    quotes: [],
    ...over,
  }
}

/** The body section of a page: its markup, between the section tags. */
const bodyOf = (page: string) => /<section class="article-body"[^>]*>[\s\S]*?<\/section>/.exec(page)![0]

describe('the article page', () => {
  const body = [
    'BRNO (AP) “We will win,” Ann Lee said. “The vote is close.”',
    '',
    'Story continues below advertisement',
    'The council said the budget would pass.',
  ].join('\n')
  const at = (s: string) => ({ start: body.indexOf(s), end: body.indexOf(s) + s.length })
  const split = quote(
    {
      id: 'q1',
      start: at('We will win').start,
      end: at('The vote is close.').end,
      parts: [at('We will win,'), at('The vote is close.')],
      speaker: speaker({ name: 'Ann Lee', type: 'person', text: 'Ann Lee', offsets: at('Ann Lee'), person: PERSON_REF }),
      cueOffsets: at('said'),
    },
    body,
  )
  const council = quote(
    {
      id: 'q2',
      ...at('the budget would pass'),
      kind: 'indirect',
      speaker: speaker({ name: 'The council', type: 'organization', text: 'The council', offsets: at('The council'), person: null }),
    },
    body,
  )
  const article = articleOf(body, {
    quotes: [split, council],
    furniture: [{ ...at('Story continues below advertisement'), kind: 'advertisement' }],
    people: [
      {
        ...PERSON_REF,
        role: null,
        titles: [],
        aliases: [],
        mentionCount: 1,
        mentions: [{ ...at('Ann Lee'), text: 'Ann Lee', kind: 'name' }],
      },
    ],
  })
  const page = articlePage(article)

  it('is a well-formed document whose body section holds exactly the article body', () => {
    const { text } = readMarkup(page)
    expect(text).toContain('Vote ahead')
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(readMarkup(bodyOf(page)).text).toBe(body)
    expect(bodyOf(page).match(/<p>/g)).toHaveLength(3)
  })

  it('marks each part of a split quote with its id, kind and speaker, and anchors it once', () => {
    const marks = [...bodyOf(page).matchAll(/<mark class="quote direct" data-quote-id="q1" data-speaker="Ann Lee"[^>]*>([^<]*)/g)]
    expect(marks.map((m) => m[1])).toEqual(['We will win,', 'The vote is close.'])
    expect(page.match(/id="quote-q1"/g)).toHaveLength(1)
    expect(bodyOf(page)).toContain('<mark class="quote indirect" data-quote-id="q2" data-speaker="The council"')
  })

  it('links a person speaker, labels an organisation speaker without a link, and marks mentions, cues and furniture', () => {
    expect(bodyOf(page)).toMatch(
      /<a class="speaker speaker-person" href="\/read\/people\/ann-lee"[^>]*><span class="mention" data-person="ann-lee"[^>]*>Ann Lee<\/span><\/a> <span class="cue">said<\/span>/,
    )
    expect(bodyOf(page)).toMatch(
      /<span class="speaker speaker-organization" data-speaker-of="q2" title="The council: organisation, not a person">The council<\/span>/,
    )
    expect(bodyOf(page)).toMatch(
      /<span class="furniture" data-kind="advertisement" title="Not part of the article: advertisement">Story continues/,
    )
    expect(page).toContain('<span class="speaker">The council</span> <span class="badge">organisation</span>')
    expect(page).toContain('<a href="#quote-q2">show in the text</a>')
    expect(page).toMatch(/<a href="\/read\/people\/ann-lee" data-person="ann-lee">Ann Lee<\/a>/)
  })

  it('shows a hostile title and body as text', () => {
    const hostile = '<script>alert(1)</script>'
    const evil = articlePage(
      articleOf(`${hostile} and <img src=x onerror=alert(2)>`, { title: hostile, section: '"><b>', url: 'javascript:alert(3)' }),
    )
    expect(evil).not.toMatch(/<script|<img|<b>|javascript:/i)
    expect(evil).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>')
    expect(readMarkup(bodyOf(evil)).text).toBe(`${hostile} and <img src=x onerror=alert(2)>`)
    expect(articlePage(articleOf('x', { url: 'https://example.org/a?b=1&c=2' }))).toContain('href="https://example.org/a?b=1&amp;c=2"')
  })
})

const bucket = (start: string, articles: number, direct: number, indirect: number, mixed = 0): ChartBucket => ({
  start,
  end: start,
  articles,
  quotes: { total: direct + indirect + mixed, direct, indirect, mixed },
})
const rects = (svg: string, cls: string) =>
  [
    ...svg.matchAll(
      new RegExp(`<rect\\s+class="${cls}"\\s+x="([\\d.]+)"\\s+y="([\\d.]+)"\\s+width="([\\d.]+)"\\s+height="([\\d.]+)"`, 'g'),
    ),
  ].map((m) => ({ y: Number(m[2]), height: Number(m[4]) }))

describe('the timeline chart', () => {
  const timeline = {
    interval: 'month' as const,
    buckets: [
      bucket('2021-11-01T00:00:00.000Z', 2, 1, 3),
      bucket('2021-12-01T00:00:00.000Z', 0, 0, 0),
      bucket('2022-01-01T00:00:00.000Z', 4, 0, 2, 2),
    ],
  }

  it('steps its axis by 1, 2 or 5 times a power of ten', () => {
    expect([1, 5, 6, 12, 40, 1000].map(tickStep)).toEqual([1, 1, 2, 5, 10, 200])
  })

  it('draws one group per bucket, bars in proportion, quotes stacked by kind, with an accessible name and description', () => {
    const svg = squash(timelineSvg(timeline, 'Ann <Lee>').__html)
    readMarkup(svg)
    expect(svg.match(/<g class="bucket"/g)).toHaveLength(3)
    expect(svg).toMatch(/<svg [^>]*role="img" aria-labelledby="timeline-title timeline-desc"/)
    expect(svg).toContain('<title id="timeline-title">Ann &lt;Lee&gt;: articles and quotes per month</title>')
    expect(svg).toContain('<title>Nov 2021: 2 articles, 4 quotes (1 direct, 3 indirect, 0 mixed)</title>')
    const articles = rects(svg, 'articles')
    expect(articles.map((r) => r.height)).toEqual([articles[2]!.height / 2, 0, articles[2]!.height])
    const novemberQuotes = rects(svg, 'quotes-direct')[0]!.height + rects(svg, 'quotes-indirect')[0]!.height
    expect(novemberQuotes).toBeCloseTo(articles[2]!.height, 0)
    expect(describeTimeline(timeline)).toBe(
      'Articles and quotes per month from Nov 2021 to Jan 2022: 6 articles and 8 quotes in all; the busiest month is Jan 2022.',
    )
  })

  it('labels only some buckets of a long timeline, and keeps every bucket', () => {
    const months = Array.from({ length: 120 }, (_, i) => bucket(new Date(Date.UTC(2010, i, 1)).toISOString(), i % 7, i % 3, 1))
    const svg = timelineSvg({ interval: 'month', buckets: months }, 'X').__html
    expect(svg.match(/<g class="bucket"/g)).toHaveLength(120)
    const labels = svg.match(/text-anchor="middle">[A-Z][a-z]{2} \d{4}</g) ?? []
    expect(labels.length).toBeGreaterThan(4)
    expect(labels.length).toBeLessThanOrEqual(10)
  })

  it('comes with a table of the same numbers, and says so when there is nothing to chart', () => {
    const figure = squash(timelineFigure(timeline, 'Ann Lee').__html)
    readMarkup(figure)
    expect(figure.match(/<tr><th scope="row">/g)).toHaveLength(3)
    expect(figure).toContain('<tr><th scope="row">Jan 2022</th><td>4</td><td>4</td><td>0</td><td>2</td><td>2</td></tr>')
    expect(timelineFigure({ interval: 'month', buckets: [] }, 'Ann Lee').__html).not.toContain('<svg')
  })
})

describe('the person page', () => {
  const person: Person = {
    id: 'p1',
    slug: 'ann-lee',
    name: 'Ann <Lee>',
    articleCount: 2,
    mentionCount: 5,
    quoteCount: 3,
    firstSeen: '2021-11-02T00:00:00.000Z',
    lastSeen: '2022-01-05T00:00:00.000Z',
    pronoun: 'she',
    aliases: ['Lee'],
    titles: [
      { title: 'Mayor', articleId: 'a1' },
      { title: 'Mayor', articleId: 'a2' },
    ],
    referredAs: {
      pronoun: 'she',
      basis: 'pronouns',
      evidence: {
        honorific: { he: 0, she: 0, they: 0 },
        role: { he: 0, she: 0, they: 0 },
        pronouns: { he: 0, she: 2, they: 0 },
        givenName: { he: 0, she: 0, they: 0 },
        articles: 2,
      },
    },
  }
  const said = {
    ...quote({ id: 'q9', start: 0, end: 5 }, 'Hello there'),
    article: { id: 'a2', title: 'Second', publishedAt: '2022-01-05T00:00:00.000Z' },
  } as Quote
  const page = squash(
    personPage({ person, quotes: [said], timeline: { interval: 'month', buckets: [bucket('2022-01-01T00:00:00.000Z', 1, 1, 0)] } }),
  )

  it('shows the person escaped, their titles once, their quotes linked into the article text, and how many are shown', () => {
    readMarkup(page)
    expect(page).toContain('<h1>Ann &lt;Lee&gt;</h1>')
    expect(page.match(/<li> ?Mayor/g)).toHaveLength(1)
    expect(page).toContain('2 articles</a>')
    expect(page).toContain('<a href="/read/articles/a2#quote-q9">Hello</a>')
    expect(page).toContain('The newest 1 of 3.')
    expect(page).toMatch(/<svg [^>]*role="img"/)
  })
})
