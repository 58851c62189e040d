/** Characters of the body that lists show. */
export const EXCERPT_CHARS = 280

/** The opening of the body on one line, cut at a word boundary with an ellipsis when it goes on. */
export function excerptOf(body: string, max = EXCERPT_CHARS): string {
  const window = body.slice(0, max * 4)
  const flat = window.replace(/\s+/g, ' ').trim()
  if (flat.length <= max && window.length === body.length) return flat
  let cut = flat.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  // a word longer than half the excerpt (a URL) is cut inside rather than dropped
  if (lastSpace > max / 2) cut = cut.slice(0, lastSpace)
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`
}
