import type { FastifyReply } from 'fastify'
import { NotFoundError } from '../errors.js'
import type { ArticleService } from '../modules/articles/articles.service.js'
import { articlePage } from './article-page.js'
import { errorPage, READER_CSP } from './layout.js'

/** A reader document with its status, type and content security policy. */
export function sendPage(reply: FastifyReply, document: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('content-security-policy', READER_CSP).send(document)
}

export const sendNotFound = (reply: FastifyReply, what: string) =>
  sendPage(reply, errorPage(404, 'Not found', `There is no ${what} here. It may have been removed, or the address may be mistyped.`), 404)

/** The article's reader page, or the reader's 404 page when there is no such article. */
export async function sendArticlePage(reply: FastifyReply, articles: Pick<ArticleService, 'get'>, id: string): Promise<FastifyReply> {
  const article = await articles.get(id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null
    throw err
  })
  return article ? sendPage(reply, articlePage(article)) : sendNotFound(reply, 'article')
}

/** A reader error page with its status: what went wrong, in the words of `detail`. */
export const sendErrorPage = (reply: FastifyReply, status: number, title: string, detail: string) =>
  sendPage(reply, errorPage(status, title, detail), status)

/** Whether a path is one of the reader's pages, which answer errors in HTML. */
export const isReaderPath = (url: string) => url === '/read' || url.startsWith('/read/') || url.startsWith('/read?')
