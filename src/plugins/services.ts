import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { ReadStore } from '../db/read-store.js'
import { createSearcher, type Searcher, type SearcherOptions } from '../search/searcher.js'
import { createArticleRepository } from '../modules/articles/articles.repository.js'
import { createArticleService, type ArticleService } from '../modules/articles/articles.service.js'
import { createPeopleRepository } from '../modules/people/people.repository.js'
import { createPeopleService, type PeopleService } from '../modules/people/people.service.js'
import { createOrganizationRepository } from '../modules/organizations/organizations.repository.js'
import { createOrganizationService, type OrganizationService } from '../modules/organizations/organizations.service.js'
import { createStatsRepository } from '../modules/stats/stats.repository.js'
import { createStatsService, type StatsService } from '../modules/stats/stats.service.js'
import { createQuoteRepository } from '../modules/quotes/quotes.repository.js'
import { createQuoteService, type QuoteService } from '../modules/quotes/quotes.service.js'
import { createQuoteDecisionRepository } from '../modules/quotes/quote-decisions.repository.js'
import { createQuoteDecisionService, type QuoteDecisionService } from '../modules/quotes/quote-decisions.service.js'

export interface Services {
  articles: ArticleService
  people: PeopleService
  quotes: QuoteService
  quoteDecisions: QuoteDecisionService
  organizations: OrganizationService
  stats: StatsService
}

declare module 'fastify' {
  interface FastifyInstance {
    readStore: ReadStore
    services: Services
    searcher: Searcher
  }
}

/** Wires repositories and services once; routes reach them through `app.services`. */
export const servicesPlugin = fp(
  async (
    app: FastifyInstance,
    opts: {
      readStore: ReadStore
      url: string
      search: SearcherOptions
      totalCap: number
      rankWindow: number
      /** The confidence below which quote lists hide quotes by default (QUOTE_MIN_CONFIDENCE). */
      quoteMinConfidence: number
    },
  ) => {
    const { readStore: db, totalCap } = opts
    const articleRepo = createArticleRepository(opts.readStore)
    const peopleRepo = createPeopleRepository(opts.readStore)
    const quoteRepo = createQuoteRepository(opts.readStore)
    const quoteDecisions = createQuoteDecisionService({ repo: createQuoteDecisionRepository(db), totalCap })
    const quotes = createQuoteService({
      repo: quoteRepo,
      people: peopleRepo,
      db,
      totalCap,
      decisions: quoteDecisions,
      minConfidence: opts.quoteMinConfidence,
    })
    const searcher = createSearcher(opts.url, articleRepo, opts.search)
    app.addHook('onClose', () => searcher.close())
    const articles = createArticleService({ repo: articleRepo, people: peopleRepo, searcher, db, totalCap, rankWindow: opts.rankWindow })
    const people = createPeopleService({ repo: peopleRepo, quotes: () => quotes, articles: () => articles, db, totalCap })
    const organizations = createOrganizationService({ repo: createOrganizationRepository(db), quotes: () => quotes })
    app.decorate('readStore', opts.readStore)
    app.decorate('services', {
      articles,
      people,
      quotes,
      quoteDecisions,
      organizations,
      stats: createStatsService({ repo: createStatsRepository(db) }),
    })
    app.decorate('searcher', searcher)
  },
)
