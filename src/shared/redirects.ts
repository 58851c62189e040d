import type { FastifyInstance } from 'fastify'

/**
 * Answers a record's old address with a permanent redirect to where editors moved it (a person or
 * an organisation merged into another, or renamed): the `param` path segment is replaced, a
 * sub-resource (`/quotes`, one of `tails`) and the query string are kept.
 */
export function redirectMoved(app: FastifyInstance, param: string, tails: string[], movedTo: (key: string) => Promise<string | null>) {
  const address = new RegExp(`/[^/]+(/(?:${tails.join('|')}))?$`)
  app.addHook('preHandler', async (req, reply) => {
    const key = (req.params as Record<string, string | undefined> | undefined)?.[param]
    if (!key) return
    const target = await movedTo(key)
    if (!target) return
    const [path, query] = req.url.split('?') as [string, string | undefined]
    const moved = path.replace(address, `/${encodeURIComponent(target)}$1`)
    return reply.redirect(query ? `${moved}?${query}` : moved, 301)
  })
}
