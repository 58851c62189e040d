import type { Article } from '../modules/articles/articles.schema.js'
import { annotateRanges, paragraphs, type Annotation } from './annotate.js'
import { escapeHtml, html, raw, type Html } from './html.js'
import { page, personPath, plural, quoteAnchor, time } from './layout.js'

type ArticleQuote = Article['quotes'][number]
type Speaker = ArticleQuote['speaker']

/** Nesting order of elements over the same characters, outermost first. */
const LAYER = { furniture: 0, quote: 1, speaker: 2, cue: 3, mention: 4 } as const

const SPEAKER_TYPE_LABEL: Record<Speaker['type'], string> = {
  person: 'person',
  organization: 'organisation',
  group: 'group',
  unknown: 'unknown speaker',
}

const quoteTitle = (q: ArticleQuote) =>
  `${q.kind} speech, said by ${q.speaker.name}${q.speaker.person ? '' : ` (${SPEAKER_TYPE_LABEL[q.speaker.type]})`}`

/** Each speech segment of a quote: its parts, or start..end when it has none. The first carries the anchor. */
function quoteAnnotations(q: ArticleQuote): Annotation[] {
  const parts = q.parts.length ? q.parts : [{ start: q.start, end: q.end }]
  return parts.map((part, i) => ({
    ...part,
    layer: LAYER.quote,
    tag: 'mark',
    attrs: { class: `quote ${q.kind}`, 'data-quote-id': q.id, 'data-speaker': q.speaker.name, 'data-kind': q.kind, title: quoteTitle(q) },
    firstAttrs: i === 0 ? { id: quoteAnchor(q.id) } : undefined,
  }))
}

/** The speaker as written, once per phrase even when it speaks several quotes; a link when it is a known person. */
function speakerAnnotations(quotes: readonly ArticleQuote[]): Annotation[] {
  const byPhrase = new Map<string, ArticleQuote[]>()
  for (const q of quotes) {
    if (!q.speaker.offsets) continue
    const key = `${q.speaker.offsets.start}:${q.speaker.offsets.end}`
    byPhrase.set(key, [...(byPhrase.get(key) ?? []), q])
  }
  return [...byPhrase.values()].map((said) => {
    const { speaker } = said[0]!
    const person = speaker.person
    return {
      ...speaker.offsets!,
      layer: LAYER.speaker,
      tag: person ? 'a' : 'span',
      attrs: {
        class: `speaker speaker-${speaker.type}`,
        href: person ? personPath(person.slug) : undefined,
        'data-speaker-of': said.map((q) => q.id).join(' '),
        title: person ? `${person.name}: their page` : `${speaker.name}: ${SPEAKER_TYPE_LABEL[speaker.type]}, not a person`,
      },
    }
  })
}

function cueAnnotations(quotes: readonly ArticleQuote[]): Annotation[] {
  const seen = new Set<string>()
  return quotes.flatMap((q) => {
    const at = q.cueOffsets
    if (!at || seen.has(`${at.start}:${at.end}`)) return []
    seen.add(`${at.start}:${at.end}`)
    return [{ ...at, layer: LAYER.cue, tag: 'span' as const, attrs: { class: 'cue' } }]
  })
}

function mentionAnnotations(people: Article['people']): Annotation[] {
  return people.flatMap((p) =>
    p.mentions.map((m) => ({
      start: m.start,
      end: m.end,
      layer: LAYER.mention,
      tag: 'span' as const,
      attrs: { class: 'mention', 'data-person': p.slug, 'data-mention-kind': m.kind, title: p.name },
    })),
  )
}

function furnitureAnnotations(furniture: Article['furniture']): Annotation[] {
  return furniture.map((f) => ({
    ...f,
    layer: LAYER.furniture,
    tag: 'span' as const,
    attrs: { class: 'furniture', 'data-kind': f.kind, title: `Not part of the article: ${f.kind}` },
  }))
}

/** Every annotation of an article's body: furniture, quotes, their speakers and cues, and people's mentions. */
export function bodyAnnotations(article: Pick<Article, 'quotes' | 'people' | 'furniture'>): Annotation[] {
  return [
    ...furnitureAnnotations(article.furniture),
    ...article.quotes.flatMap(quoteAnnotations),
    ...speakerAnnotations(article.quotes),
    ...cueAnnotations(article.quotes),
    ...mentionAnnotations(article.people),
  ]
}

/**
 * The body section: paragraphs with every annotation in place. The newlines between paragraphs stay
 * as text between the <p> elements, so the section's text content is exactly the body. Built here
 * rather than in a template, where a formatter could add whitespace inside the section.
 */
export function bodySection(body: string, annotations: readonly Annotation[]): Html {
  const ranges = paragraphs(body)
  const inner = annotateRanges(body, annotations, ranges)
  let out = '<section class="article-body" id="text" aria-label="Article text">'
  let at = 0
  ranges.forEach((range, i) => {
    out += `${escapeHtml(body.slice(at, range.start))}<p>${inner[i]}</p>`
    at = range.end
  })
  return raw(`${out}${escapeHtml(body.slice(at))}</section>`)
}

/** A quote's speaker for the list: a link to a known person, else the text as written with what kind of speaker it is. */
export function speakerHtml(speaker: Speaker): Html {
  const asWritten = speaker.text && speaker.text !== speaker.name ? html` <span class="muted">(as “${speaker.text}”)</span>` : null
  if (speaker.person) return html`<a class="speaker" href="${personPath(speaker.person.slug)}">${speaker.person.name}</a>${asWritten}`
  return html`<span class="speaker">${speaker.name}</span> <span class="badge">${SPEAKER_TYPE_LABEL[speaker.type]}</span>`
}

const kindBadge = (kind: ArticleQuote['kind']) => html`<span class="badge ${kind}">${kind}</span>`

function quoteList(quotes: readonly ArticleQuote[]): Html {
  const items = [...quotes]
    .sort((a, b) => a.start - b.start)
    .map(
      (q) =>
        html`<li id="entry-${q.id}">
          <p>${speakerHtml(q.speaker)}</p>
          <p class="said ${q.kind}">${q.content}</p>
          <p class="muted">
            ${kindBadge(q.kind)} cue “${q.cue}”${q.via ? html` · via ${q.via}` : null} · confidence ${q.confidence.toFixed(2)} ·
            <a href="#${quoteAnchor(q.id)}">show in the text</a>
          </p>
        </li>`,
    )
  return html`<section aria-labelledby="quotes-heading">
    <h2 id="quotes-heading">Quotes (${quotes.length})</h2>
    ${
      quotes.length
        ? html`<ol class="quotes">
            ${items}
          </ol>`
        : html`<p class="muted">No quotes were found in this article.</p>`
    }
  </section>`
}

function peopleList(article: Pick<Article, 'people' | 'quotes'>): Html {
  const quotesBy = (id: string) => article.quotes.filter((q) => q.speaker.person?.id === id).length
  const items = article.people.map(
    (p) =>
      html`<li>
        <a href="${personPath(p.slug)}" data-person="${p.slug}">${p.name}</a>${p.role ? html`, ${p.role}` : null}
        <span class="muted"
          >— ${plural(p.mentionCount, 'mention')},
          ${plural(quotesBy(p.id), 'quote')}${p.aliases.length ? html`; also “${p.aliases.join('”, “')}”` : null}</span
        >
      </li>`,
  )
  return html`<section aria-labelledby="people-heading">
    <h2 id="people-heading">People (${article.people.length})</h2>
    ${
      article.people.length
        ? html`<ul class="people">
            ${items}
          </ul>`
        : html`<p class="muted">No people were found in this article.</p>`
    }
  </section>`
}

const LEGEND = html`<ul class="legend" aria-label="Legend">
  <li><mark class="quote direct">direct speech</mark></li>
  <li><mark class="quote indirect">indirect speech</mark></li>
  <li><mark class="quote mixed">mixed</mark></li>
  <li><span class="speaker">speaker</span>, <span class="cue">cue</span></li>
  <li><span class="mention">person mentioned</span></li>
  <li><span class="furniture" data-kind="ad">page furniture</span></li>
</ul>`

/** Only web links are links: a stored URL could be anything (javascript:). */
const sourceLink = (url: string | null) =>
  url && /^https?:\/\//i.test(url) ? html`<span><a href="${url}" rel="noreferrer">source</a></span>` : null

/** The reader page of one article. */
export function articlePage(article: Article): string {
  const meta = [time(article.publishedAt), article.section, article.agency, article.dateline].filter((m) => m !== null && m !== '')
  return page({
    title: article.title,
    jsonHref: `/articles/${encodeURIComponent(article.id)}`,
    main: html`<article>
      <header>
        <h1>${article.title}</h1>
        <p class="meta">${meta.map((m) => html`<span>${m}</span>`)}${sourceLink(article.url)}</p>
        <p class="meta">
          <span><a href="#people-heading">${plural(article.people.length, 'person', 'people')}</a></span
          ><span><a href="#quotes-heading">${plural(article.quotes.length, 'quote')}</a></span>
        </p>
      </header>
      ${LEGEND} ${bodySection(article.body, bodyAnnotations(article))} ${quoteList(article.quotes)} ${peopleList(article)}
    </article>`,
  })
}
