// Finding the article in the page: per-element text statistics, candidate scoring (text density,
// commas, link density, class/id words), the best container plus qualifying siblings, then cleaning.
import type { Element } from 'domhandler'
import { type Budget, isElement, isSkipped, isText, rawText } from './dom.js'
import {
  BLOCK_TAGS,
  BOILERPLATE,
  HEADING_TAGS,
  MAYBE_CANDIDATE,
  NEGATIVE,
  NEVER_CONTENT,
  POSITIVE,
  RELATED_HEADING,
  STRONG_POSITIVE,
} from './lexicon.js'

/** Text statistics for every visible element, indexed in document order. */
export interface PageStats {
  els: Element[]
  idx: Map<Element, number>
  parent: Int32Array
  /** index of the last descendant: the subtree of i is i..end[i] */
  end: Int32Array
  /** visible text length (whitespace runs count as one) */
  text: Float64Array
  /** text inside links */
  link: Float64Array
  commas: Float64Array
  /** text owned by a block element itself (through inline descendants), not by its child blocks */
  inline: Float64Array
  inlineLink: Float64Array
  /** text blocks of 25+ characters inside */
  paras: Float64Array
  /** paragraph points (commas, length, few links) of the prose inside, outside boilerplate-named boxes */
  prose: Float64Array
  /** link text outside boilerplate-named boxes, and all text outside them */
  plainLink: Float64Array
  plainText: Float64Array
  imgs: Float64Array
  lis: Float64Array
  inputs: Float64Array
}

const SPACES = /[\s\u00a0]+/g
const COMMAS = /[,，、،]/g
const MIN_PARAGRAPH = 25

/** One iterative pass down (ownership) and one up (totals) over the visible elements under `root`. */
export function computeStats(root: Element, budget: Budget): PageStats {
  const els: Element[] = []
  const parentOf: number[] = []
  const stack: [Element, number][] = [[root, -1]]
  while (stack.length > 0) {
    const [el, p] = stack.pop()!
    budget.check()
    els.push(el)
    parentOf.push(p)
    const i = els.length - 1
    for (let k = el.children.length - 1; k >= 0; k--) {
      const c = el.children[k]!
      if (isElement(c) && !isSkipped(c)) stack.push([c, i])
    }
  }
  const n = els.length
  const s: PageStats = {
    els,
    idx: new Map(els.map((e, i) => [e, i])),
    parent: Int32Array.from(parentOf),
    end: Int32Array.from(parentOf, (_, i) => i),
    text: new Float64Array(n),
    link: new Float64Array(n),
    commas: new Float64Array(n),
    inline: new Float64Array(n),
    inlineLink: new Float64Array(n),
    paras: new Float64Array(n),
    prose: new Float64Array(n),
    plainLink: new Float64Array(n),
    plainText: new Float64Array(n),
    imgs: new Float64Array(n),
    lis: new Float64Array(n),
    inputs: new Float64Array(n),
  }
  const owner = new Int32Array(n) // nearest block (self included)
  const inLink = new Uint8Array(n)
  const inBoilerplate = new Uint8Array(n)
  const inlineCommas = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const el = els[i]!
    const p = s.parent[i]!
    owner[i] = BLOCK_TAGS.has(el.name) || p < 0 ? i : owner[p]!
    inLink[i] = el.name === 'a' || (p >= 0 && inLink[p] === 1) ? 1 : 0
    inBoilerplate[i] = (p >= 0 && inBoilerplate[p] === 1) || ((el.attribs.class || el.attribs.id) && BOILERPLATE.test(hintOf(el))) ? 1 : 0
    if (el.name === 'img') s.imgs[i] = 1
    else if (el.name === 'li') s.lis[i] = 1
    else if (el.name === 'form' || el.name === 'label') s.inputs[i] = el.name === 'form' ? 1 : 0
    for (const c of el.children) {
      if (!isText(c)) continue
      const data = c.data
      const len = data.length < 3 ? data.trim().length : data.replace(SPACES, ' ').length
      if (len === 0) continue
      const commas = data.match(COMMAS)?.length ?? 0
      s.text[i]! += len
      s.commas[i]! += commas
      if (!inBoilerplate[i]) s.plainText[i]! += len
      if (!inBoilerplate[i] && inLink[i]) s.plainLink[i]! += len
      const o = owner[i]!
      s.inline[o]! += len
      inlineCommas[o]! += commas
      if (inLink[i]) {
        s.link[i]! += len
        s.inlineLink[o]! += len
      }
    }
  }
  for (let i = n - 1; i > 0; i--) {
    if (s.inline[i]! >= MIN_PARAGRAPH && owner[i] === i) {
      s.paras[i]! += 1
      if (!inBoilerplate[i] && !HEADING_TAGS.has(els[i]!.name))
        s.prose[i]! += paragraphGain(s.inline[i]!, s.inlineLink[i]!, inlineCommas[i]!)
    }
    const p = s.parent[i]!
    if (s.end[i]! > s.end[p]!) s.end[p] = s.end[i]!
    s.text[p]! += s.text[i]!
    s.link[p]! += s.link[i]!
    s.commas[p]! += s.commas[i]!
    s.paras[p]! += s.paras[i]!
    s.prose[p]! += s.prose[i]!
    s.plainText[p]! += s.plainText[i]!
    s.plainLink[p]! += s.plainLink[i]!
    s.imgs[p]! += s.imgs[i]!
    s.lis[p]! += s.lis[i]!
    s.inputs[p]! += s.inputs[i]!
  }
  scoreStore.set(s, inlineCommas)
  return s
}

/** Readability's paragraph points: 1 + commas + one per 100 characters (at most 3), less the share in links. */
const paragraphGain = (len: number, link: number, commas: number): number =>
  (1 + commas + Math.min(3, Math.floor(len / 100))) * (1 - link / len)

const scoreStore = new WeakMap<PageStats, Float64Array>()

const plainLinkDensity = (s: PageStats, i: number): number => (s.plainText[i]! > 0 ? s.plainLink[i]! / s.plainText[i]! : 0)
export const linkDensity = (s: PageStats, i: number): number => (s.text[i]! > 0 ? s.link[i]! / s.text[i]! : 0)

/** class/id words: +25/-25 each for class and id, +50 for a declared article body. */
export function classWeight(el: Element): number {
  let w = 0
  const a = el.attribs
  for (const v of [a.class, a.id]) {
    if (!v) continue
    if (NEGATIVE.test(v)) w -= 25
    if (POSITIVE.test(v)) w += 25
    if (STRONG_POSITIVE.test(v)) w += 25
  }
  if (/articlebody|text/i.test(a.itemprop ?? '') || /articlebody/i.test(a.property ?? '')) w += 50
  return w
}

const TAG_BASE: Record<string, number> = {
  div: 5, article: 10, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5, header: -10, footer: -15, aside: -15,
} // prettier-ignore

/**
 * Readability-style scores: each paragraph feeds its parent (1), grandparent (1/2) and further
 * ancestors (1/(3·level)); a container starts from its tag and class/id words. A positive class
 * word counts in full only once the container holds some prose (a tiny "storytop" box must not win).
 */
export function scoreCandidates(s: PageStats): Float64Array {
  const n = s.els.length
  const points = new Float64Array(n).fill(Number.NaN)
  const inlineCommas = scoreStore.get(s)!
  for (let i = 0; i < n; i++) {
    const len = s.inline[i]!
    if (len < MIN_PARAGRAPH || HEADING_TAGS.has(s.els[i]!.name)) continue
    const gain = paragraphGain(len, s.inlineLink[i]!, inlineCommas[i]!)
    let a = s.parent[i]!
    for (let level = 0; a >= 0 && level < 5; level++, a = s.parent[a]!) {
      if (Number.isNaN(points[a]!)) points[a] = 0
      points[a]! += gain / (level === 0 ? 1 : level === 1 ? 2 : level * 3)
    }
  }
  const score = new Float64Array(n).fill(Number.NaN)
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(points[i]!)) continue
    const el = s.els[i]!
    const w = classWeight(el)
    const weight = w > 0 ? w * Math.min(1, points[i]! / 15) : w
    score[i] = ((TAG_BASE[el.name] ?? 0) + weight + points[i]!) * (1 - linkDensity(s, i))
  }
  return score
}

const isAncestor = (s: PageStats, a: number, b: number): boolean => b >= a && b <= s.end[a]!

/** The best candidate, widened when the runners-up sit in one ancestor or the parent scores higher. */
export function pickTop(s: PageStats, score: Float64Array): number {
  const ranked: number[] = []
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i]!)) ranked.push(i)
  ranked.sort((a, b) => score[b]! - score[a]!)
  let top = ranked[0]
  if (top === undefined) return 0
  const topScore = score[top]!
  const alternatives = ranked.slice(1, 5).filter((i) => score[i]! / topScore >= 0.75)
  for (let p = s.parent[top]!; p > 0 && alternatives.length >= 3; p = s.parent[p]!) {
    if (alternatives.filter((a) => isAncestor(s, p, a)).length >= 3) {
      top = p
      break
    }
  }
  // climb while a parent holds markedly more score (the article split in several children)
  let last = score[top]!
  const floor = last / 3
  for (let p = s.parent[top]!; p > 0; p = s.parent[p]!) {
    const ps = score[p]!
    if (Number.isNaN(ps)) continue
    if (ps < floor) break
    if (ps > last) {
      top = p
      break
    }
    last = ps
  }
  // the article split in blocks (steps, sections): widen while an ancestor holds much more prose, no more links
  for (let p = s.parent[top]!, d = 0; p > 0 && d < 4; p = s.parent[p]!, d++) {
    if (
      s.prose[p]! >= 1.4 * s.prose[top]! &&
      plainLinkDensity(s, p) <= Math.min(0.2, plainLinkDensity(s, top) + 0.1) &&
      classWeight(s.els[p]!) >= 0
    )
      top = p
    else if (s.prose[p]! > 1.1 * s.prose[top]!) break
  }
  // a lone child says nothing: take the wrapper
  while (s.parent[top]! > 0 && countChildBlocks(s, s.parent[top]!) === 1) top = s.parent[top]!
  return semanticBody(s, top)
}

function countChildBlocks(s: PageStats, i: number): number {
  let n = 0
  for (const c of s.els[i]!.children) if (isElement(c) && s.idx.has(c)) n++
  return n
}

const declaredBy = (el: Element): 'itemprop' | 'class' | null =>
  /articlebody/i.test(el.attribs.itemprop ?? '') || /articlebody/i.test(el.attribs.property ?? '')
    ? 'itemprop'
    : STRONG_POSITIVE.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)
      ? 'class'
      : null

/**
 * Prefer a declared article body: itemprop=articleBody wherever it is (publishers mark the body for
 * search engines, so it is rarely wrong), a class like "article-body" around or inside the winner.
 */
function semanticBody(s: PageStats, top: number): number {
  let itemprop = -1
  for (let i = 1; i < s.els.length; i++) {
    if (declaredBy(s.els[i]!) !== 'itemprop' || s.paras[i]! < 2 || linkDensity(s, i) > 0.5) continue
    if (itemprop < 0 || s.text[i]! > s.text[itemprop]!) itemprop = i
    i = s.end[i]! // nested declarations: the outer one counts
  }
  if (itemprop >= 0 && s.text[itemprop]! >= 0.3 * s.text[top]!) return itemprop
  for (let p = s.parent[top]!, depth = 0; p > 0 && depth < 4; p = s.parent[p]!, depth++) {
    if (declaredBy(s.els[p]!) && linkDensity(s, p) < 0.35 && s.paras[p]! <= s.paras[top]! * 2 + 4) return p
  }
  let best = -1
  for (let i = top + 1; i <= s.end[top]!; i++) {
    if (declaredBy(s.els[i]!) && s.text[i]! >= 0.6 * s.text[top]! && (best < 0 || s.text[i]! > s.text[best]!)) best = i
  }
  return best >= 0 ? best : top
}

/** The winner plus siblings that look like more of the article (Readability's sibling rule). */
export function withSiblings(s: PageStats, score: Float64Array, top: number): Element[] {
  const p = s.parent[top]!
  if (p < 0) return [s.els[top]!]
  const topEl = s.els[top]!
  const topScore = Number.isNaN(score[top]!) ? 0 : score[top]!
  const threshold = Math.max(10, topScore * 0.2)
  const out: Element[] = []
  for (const c of s.els[p]!.children) {
    if (!isElement(c)) continue
    const el = c
    const i = s.idx.get(el)
    if (i === undefined) continue
    if (i === top) {
      out.push(el)
      continue
    }
    if (BOILERPLATE.test(hintOf(el)) || classWeight(el) < 0 || /^(?:header|footer|aside|nav|form)$/.test(el.name)) continue
    let bonus = 0
    if (el.attribs.class && el.attribs.class === topEl.attribs.class) bonus += topScore * 0.2
    const sc = Number.isNaN(score[i]!) ? 0 : score[i]!
    const len = s.text[i]!
    const ld = linkDensity(s, i)
    if (sc > 0 && sc + bonus >= threshold && ld < 0.5) out.push(el)
    else if (s.inline[i]! === len && len > 0) {
      const text = len < 80 ? rawText(el) : ''
      if ((len >= 80 && ld < 0.25) || (len > 0 && ld === 0 && /[.!?。]["”’]?$/.test(text))) out.push(el)
    }
  }
  return out
}

/** Cleaning inside the chosen containers: the set of elements to leave out, and figure captions. */
export function cleanContent(s: PageStats, roots: Element[], budget: Budget): { drop: Set<Element>; captions: string[] } {
  const drop = new Set<Element>()
  const captions: string[] = []
  for (const root of roots) {
    const r = s.idx.get(root)
    if (r === undefined) continue
    const rootText = Math.max(1, s.text[r]!)
    for (let i = r + 1; i <= s.end[r]!; i++) {
      budget.check()
      const el = s.els[i]!
      const reason = drop.has(el) ? 'dropped' : dropReason(s, i, rootText)
      if (!reason) continue
      if (reason === 'caption') {
        const cap = captionOf(el)
        if (cap) captions.push(cap)
      }
      drop.add(el)
      const skipTo = s.end[i]!
      if (reason === 'related-heading') {
        const next = nextElement(el)
        const ni = next ? s.idx.get(next) : undefined
        if (next && ni !== undefined && (linkDensity(s, ni) > 0.3 || /^(?:ul|ol)$/.test(next.name))) drop.add(next)
      }
      i = skipTo // the subtree goes with it
    }
  }
  return { drop, captions: [...captionsAround(s, roots, budget), ...captions] }
}

/** Captions of figures beside the article text (a lead photo next to the body), in the container the roots share. */
function captionsAround(s: PageStats, roots: Element[], budget: Budget): string[] {
  const first = s.idx.get(roots[0]!)
  if (first === undefined || s.parent[first]! <= 0) return []
  const scope = s.parent[first]!
  const inRoots = (i: number) => roots.some((r) => isAncestor(s, s.idx.get(r)!, i))
  const out: string[] = []
  for (let i = scope + 1; i <= s.end[scope]!; i++) {
    budget.check()
    const el = s.els[i]!
    if (inRoots(i) || BOILERPLATE.test(hintOf(el))) {
      i = s.end[i]!
      continue
    }
    if (el.name === 'figure' || el.name === 'figcaption') {
      const cap = captionOf(el)
      if (cap) out.push(cap)
      i = s.end[i]!
    }
  }
  return out
}

function nextElement(el: Element): Element | null {
  for (let n = el.next; n; n = n.next) if (isElement(n)) return n
  return null
}

function captionOf(el: Element): string {
  if (el.name === 'figure') {
    const parts: string[] = []
    const stack = [...el.children]
    while (stack.length > 0) {
      const n = stack.pop()!
      if (!isElement(n)) continue
      const e = n
      if (e.name === 'figcaption' || /caption|credit/i.test(e.attribs.class ?? '')) parts.unshift(rawText(e))
      else for (const k of e.children) stack.push(k)
    }
    return parts.filter(Boolean).join(' ')
  }
  return rawText(el)
}

type DropReason = 'caption' | 'boilerplate' | 'chrome' | 'links' | 'related-heading' | 'form' | null

/** class and id; an id slugged from a sentence ("sharing-with-a-single-developer") is an anchor, not a role. */
const hintOf = (el: Element): string => {
  const id = el.attribs.id ?? ''
  return `${el.attribs.class ?? ''} ${(id.match(/-/g)?.length ?? 0) >= 3 ? '' : id}`
}

/** Why an element inside the article container is furniture, or null to keep it. */
export function dropReason(s: PageStats, i: number, rootText: number): DropReason {
  const el = s.els[i]!
  const name = el.name
  const text = s.text[i]!
  const share = text / rootText
  const hint = hintOf(el)
  if (isInlineInProse(s, i)) return null
  if (
    name === 'figure' ||
    name === 'figcaption' ||
    (/(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|media-?caption)s?(?:[\s_-]|$)/i.test(hint) && share < 0.2)
  )
    return 'caption'
  if (
    BOILERPLATE.test(hint) &&
    !(s.paras[i]! >= 3 && linkDensity(s, i) < 0.2 && (MAYBE_CANDIDATE.test(hint) || share >= 0.3) && !NEVER_CONTENT.test(hint))
  )
    return 'boilerplate'
  if ((name === 'header' || name === 'footer' || name === 'aside') && share < 0.5 && !(name === 'header' && isStandfirst(s, i)))
    return 'chrome'
  if (name === 'form' && share < 0.5) return 'form'
  if (HEADING_TAGS.has(name) && text < 80 && RELATED_HEADING.test(rawText(el))) return 'related-heading'
  const ld = linkDensity(s, i)
  if ((name === 'ul' || name === 'ol') && ld > 0.5 && text > 0) return 'links'
  if (!BLOCK_TAGS.has(name) || name === 'p' || name === 'blockquote' || name === 'pre' || HEADING_TAGS.has(name)) {
    return (name === 'p' || name === 'div') && ld > 0.8 && text < 200 ? 'links' : null
  }
  // a container: Readability's conditional cleaning, simplified
  if (name === 'table' || name === 'tbody' || name === 'tr' || name === 'td') return null
  const weight = classWeight(el)
  if (s.commas[i]! >= 10) return null
  if (weight < 0 && share < 0.3) return 'boilerplate'
  const paras = s.paras[i]!
  if (s.imgs[i]! > 1 && paras / s.imgs[i]! < 0.5 && text < 200) return 'chrome'
  if (s.lis[i]! > paras && name !== 'ul' && name !== 'ol' && ld > 0.3) return 'links'
  if (s.inputs[i]! > 0 && share < 0.3) return 'form'
  if ((weight < 25 && ld > 0.33 && text > 0) || (weight >= 25 && ld > 0.5)) return 'links'
  return null
}

/**
 * A word or phrase inside running text (a linked gloss, a "CAIRO —" dateline span): its class names
 * a role, but dropping it would cut the sentence, so an inline element holding under half of its
 * paragraph's text stays.
 */
function isInlineInProse(s: PageStats, i: number): boolean {
  if (BLOCK_TAGS.has(s.els[i]!.name)) return false
  let b = s.parent[i]!
  while (b > 0 && !BLOCK_TAGS.has(s.els[b]!.name)) b = s.parent[b]!
  return b >= 0 && s.els[b]!.name === 'p' && s.inline[b]! >= 2 * s.text[i]! && s.inline[b]! >= 80
}

/**
 * An article <header> that holds only an introduction (a standfirst sentence or two): no heading,
 * no date, few links. A header with the headline and byline stays chrome.
 */
function isStandfirst(s: PageStats, i: number): boolean {
  if (s.text[i]! < 80 || linkDensity(s, i) > 0.2) return false
  for (let k = i + 1; k <= s.end[i]!; k++) {
    const n = s.els[k]!.name
    if (HEADING_TAGS.has(n) || n === 'time' || n === 'img' || n === 'address') return false
  }
  return /[.!?。]["”’)]?\s*$/.test(rawText(s.els[i]!))
}

/** A list of stories rather than one: several <article> teasers, or most of the text in links. */
export function looksLikeIndex(s: PageStats, roots: Element[]): boolean {
  let articles = 0
  let text = 0
  let links = 0
  for (const r of roots) {
    const ri = s.idx.get(r)
    if (ri === undefined) continue
    text += s.plainText[ri]!
    links += s.plainLink[ri]!
    for (let i = ri + 1; i <= s.end[ri]!; i++) if (s.els[i]!.name === 'article' && s.text[i]! > 0) articles++
  }
  return articles >= 4 || (text > 0 && links / text > 0.5)
}
