import type { Person } from '../modules/people/people.schema.js'
import type { Quote } from '../modules/quotes/quotes.schema.js'
import { html, type Html } from './html.js'
import { articlePath, page, plural, quoteAnchor, time } from './layout.js'
import { timelineFigure, type ChartTimeline } from './timeline-chart.js'

export interface PersonPageData {
  person: Person
  /** Their newest quotes, newest first. */
  quotes: readonly Quote[]
  timeline: ChartTimeline
}

/** Each title once, with the articles it was written in (in the order given). */
export function groupTitles(titles: Person['titles']): { title: string; articleIds: string[] }[] {
  const byTitle = new Map<string, string[]>()
  for (const { title, articleId } of titles) byTitle.set(title, [...(byTitle.get(title) ?? []), articleId])
  return [...byTitle].map(([title, articleIds]) => ({ title, articleIds: [...new Set(articleIds)] }))
}

function facts(person: Person): Html {
  const titles = groupTitles(person.titles).map(
    ({ title, articleIds }) =>
      html`<li>
        ${title} <span class="muted">(in <a href="${articlePath(articleIds[0]!)}">${plural(articleIds.length, 'article')}</a>)</span>
      </li>`,
  )
  return html`<dl class="facts">
    <dt>Seen in</dt>
    <dd>${plural(person.articleCount, 'article')}, ${plural(person.mentionCount, 'mention')}</dd>
    <dt>Quoted</dt>
    <dd>${plural(person.quoteCount, 'time')}</dd>
    ${
      person.firstSeen
        ? html`<dt>First seen</dt>
            <dd>${time(person.firstSeen)}</dd>
            <dt>Last seen</dt>
            <dd>${time(person.lastSeen)}</dd>`
        : null
    }
    <dt>Also written as</dt>
    <dd>${person.aliases.length ? person.aliases.join(', ') : html`<span class="muted">no other names</span>`}</dd>
    <dt>Titles</dt>
    <dd>
      ${
        titles.length
          ? html`<ul class="titles">
              ${titles}
            </ul>`
          : html`<span class="muted">none recorded</span>`
      }
    </dd>
  </dl>`
}

function quoteItem(q: Quote): Html {
  return html`<li id="said-${q.id}">
    <p class="said ${q.kind}"><a href="${articlePath(q.article.id)}#${quoteAnchor(q.id)}">${q.content}</a></p>
    <p class="muted">
      <span class="badge ${q.kind}">${q.kind}</span> cue “${q.cue}”${q.via ? html` · via ${q.via}` : null} ·
      ${time(q.article.publishedAt)}${q.article.publishedAt ? ' · ' : null}<a href="${articlePath(q.article.id)}">${q.article.title}</a>
    </p>
  </li>`
}

function quoteSection(person: Person, quotes: readonly Quote[]): Html {
  const shown =
    quotes.length && quotes.length < person.quoteCount
      ? html`<p class="muted">The newest ${quotes.length} of ${person.quoteCount}.</p>`
      : null
  return html`<section aria-labelledby="quotes-heading">
    <h2 id="quotes-heading">What they said</h2>
    ${shown}
    ${
      quotes.length
        ? html`<ol class="quotes">
            ${quotes.map(quoteItem)}
          </ol>`
        : html`<p class="muted">No quotes are attributed to ${person.name}.</p>`
    }
  </section>`
}

/** The reader page of one person: facts, a timeline chart and their newest quotes. */
export function personPage({ person, quotes, timeline }: PersonPageData): string {
  return page({
    title: person.name,
    jsonHref: `/people/${encodeURIComponent(person.slug)}`,
    main: html`<h1>${person.name}</h1>
      ${facts(person)}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        ${timelineFigure(timeline, person.name)}
      </section>
      ${quoteSection(person, quotes)}`,
  })
}
