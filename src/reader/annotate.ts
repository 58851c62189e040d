import { attributes, escapeHtml } from './html.js'

/** An element to wrap around `start..end` of a text (offsets in UTF-16 code units, end exclusive). */
export interface Annotation {
  start: number
  end: number
  /** Between two annotations over the same span, the lower layer is the outer element. */
  layer: number
  tag: 'mark' | 'span' | 'a'
  attrs: Readonly<Record<string, string | undefined>>
  /** Attributes only the first element of the annotation gets when it is split (an `id`). */
  firstAttrs?: Readonly<Record<string, string | undefined>>
}

export interface Range {
  start: number
  end: number
}

/** An annotation cut to one range; `source` is the annotation it came from. */
interface Clipped extends Range {
  source: Annotation
}

/** Outer before inner: earlier start, then longer span, then lower layer. */
const outerFirst = (a: Clipped, b: Clipped) => a.start - b.start || b.end - a.end || a.source.layer - b.source.layer

/** Every offset where some span starts or ends inside `range`, with the range's own ends, sorted. */
export function boundaries(spans: readonly Range[], range: Range): number[] {
  const cuts = new Set([range.start, range.end])
  for (const s of spans) for (const at of [s.start, s.end]) if (at > range.start && at < range.end) cuts.add(at)
  return [...cuts].sort((a, b) => a - b)
}

/** The annotations over `range`, cut to it, outer first; empty ones are dropped. */
function clip(annotations: readonly Annotation[], range: Range): Clipped[] {
  return annotations
    .filter((a) => a.start < range.end && a.end > range.start && a.end > a.start)
    .map((a) => ({ source: a, start: Math.max(a.start, range.start), end: Math.min(a.end, range.end) }))
    .sort(outerFirst)
}

interface Open {
  source: Annotation
  closeTag: string
}

/**
 * Each range of `text` as escaped HTML with every annotation wrapped around its characters.
 *
 * A range is cut at every annotation boundary; for each piece, the annotations covering it are
 * listed outer first. Elements already open stay open while they are a prefix of that list; the
 * others are closed and the missing ones opened. Annotations that nest become nested elements;
 * annotations that cross each other or a range's end are split into several elements (only the
 * first gets `firstAttrs`, across ranges too), so the output is always well formed and its text is
 * exactly the range. A link never opens inside another link (invalid HTML): it becomes a span there.
 */
export function annotateRanges(text: string, annotations: readonly Annotation[], ranges: readonly Range[]): string[] {
  const started = new Set<Annotation>()
  return ranges.map((range) => {
    const inRange = clip(annotations, range)
    const cuts = boundaries(inRange, range)
    const stack: Open[] = []
    let out = ''
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [start, end] = [cuts[i]!, cuts[i + 1]!]
      const covering = inRange.filter((a) => a.start <= start && a.end >= end).map((a) => a.source)
      let kept = 0
      while (kept < stack.length && stack[kept]!.source === covering[kept]) kept++
      while (stack.length > kept) out += stack.pop()!.closeTag
      for (const source of covering.slice(kept)) {
        const tag = source.tag === 'a' && stack.some((o) => o.closeTag === '</a>') ? 'span' : source.tag
        const attrs = { ...source.attrs, ...(started.has(source) ? {} : source.firstAttrs), ...(tag === 'a' ? {} : { href: undefined }) }
        started.add(source)
        out += `<${tag}${attributes(attrs).__html}>`
        stack.push({ source, closeTag: `</${tag}>` })
      }
      out += escapeHtml(text.slice(start, end))
    }
    while (stack.length) out += stack.pop()!.closeTag
    return out
  })
}

/** The whole of `text` with its annotations (one range). */
export const annotate = (text: string, annotations: readonly Annotation[]) =>
  annotateRanges(text, annotations, [{ start: 0, end: text.length }])[0]!

/**
 * The paragraphs of a body: each line holding something other than whitespace. What lies between
 * them (newlines, blank lines) is left to the caller to write as it is.
 */
export function paragraphs(body: string): Range[] {
  const found: Range[] = []
  let start = 0
  for (const line of body.split('\n')) {
    if (/\S/.test(line)) found.push({ start, end: start + line.length })
    start += line.length + 1
  }
  return found
}
