import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ProblemDetails } from '../../errors.js'
import { NoQuery } from '../../shared/params.js'
import { redirectMoved } from '../../shared/redirects.js'
import { QuoteList, QuoteListQuery } from '../quotes/quotes.schema.js'
import { Organization, OrganizationList, OrganizationListQuery, OrganizationParams } from './organizations.schema.js'

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { organizations } = app.services
  const problems = { 400: ProblemDetails, 404: ProblemDetails }
  // an organisation an editor merged into another (or renamed) answers at its old address with a permanent redirect
  redirectMoved(app, 'slug', ['quotes'], (slug) => organizations.movedTo(slug))
  app.get(
    '/',
    {
      schema: {
        tags: ['organizations'],
        operationId: 'listOrganizations',
        summary: 'List organisations and groups that speak',
        description:
          'Speakers that are not one person: named bodies ("the Kremlin", "China\'s Foreign Ministry") and groups ("Russian officials"), most quoted first. Pronouns and bare descriptions ("it", "the company") name nobody and are not listed; their quotes stay in `/quotes?speakerType=organization`.',
        querystring: OrganizationListQuery,
        response: { 200: OrganizationList, 400: ProblemDetails },
      },
    },
    (req) => organizations.list(req.query),
  )
  app.get(
    '/:slug',
    {
      schema: {
        tags: ['organizations'],
        operationId: 'getOrganization',
        summary: 'One organisation or group by slug',
        description:
          'Counts, first and last quote, and every way its name was written (the forms of one body share its slug: "Tories" and "the Conservative Party" are `conservative-party`). An organisation an editor merged into another or renamed answers 301 with the new address in `Location`.',
        params: OrganizationParams,
        querystring: NoQuery,
        response: { 200: Organization, ...problems },
      },
    },
    (req) => organizations.get(req.params.slug),
  )
  app.get(
    '/:slug/quotes',
    {
      schema: {
        tags: ['organizations'],
        operationId: 'listOrganizationQuotes',
        summary: 'What an organisation or group said',
        description:
          'The quotes attributed to it, with the filters and sorts of `GET /quotes`: by default those below QUOTE_MIN_CONFIDENCE are left out (`minConfidence=0` lists them).',
        params: OrganizationParams,
        querystring: QuoteListQuery.omit({ speaker: true, speakerType: true }),
        response: { 200: QuoteList, ...problems },
      },
    },
    (req) => organizations.quotes(req.params.slug, req.query),
  )
}
