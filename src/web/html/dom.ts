// DOM helpers over domhandler nodes. Every walk here is iterative: a page may nest 100,000 deep.
import { type AnyNode, type Element, type ParentNode, type Text, isDocument, isTag, isText as isTextNode } from 'domhandler'
import { SKIP_TAGS, HIDDEN_CLASS, HIDDEN_STYLE } from './lexicon.js'

/** Thrown by Budget.check when the time budget is spent; caught by extractArticle. */
export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`extraction took longer than ${budgetMs} ms`)
  }
}

/** A wall-clock deadline checked cheaply (the clock is read every 512 calls). */
export interface Budget {
  check(): void
}

export function createBudget(budgetMs: number, now: () => number = () => performance.now()): Budget {
  const deadline = now() + budgetMs
  let calls = 0
  return {
    check() {
      if ((++calls & 511) === 0 && now() > deadline) throw new BudgetExceeded(budgetMs)
    },
  }
}

export const NO_BUDGET: Budget = { check() {} }

export const isElement = (n: AnyNode): n is Element => isTag(n)
export const isText = (n: AnyNode): n is Text => isTextNode(n)

export const attr = (el: Element, name: string): string | undefined => el.attribs[name]

/** class + id, lowercased, for the class/id word patterns. */
export function classAndId(el: Element): string {
  const c = el.attribs.class
  const id = el.attribs.id
  if (!c && !id) return ''
  return `${c ?? ''} ${id ?? ''}`.toLowerCase()
}

/** Elements whose content never reaches the reader: scripts, styles, templates, hidden nodes. */
export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.name)) return true
  const a = el.attribs
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true
  if (a.style !== undefined && HIDDEN_STYLE.test(a.style)) return true
  if (a.class !== undefined && HIDDEN_CLASS.test(a.class)) return true
  return false
}

/** Elements in document order (pre-order), not descending into skipped subtrees. */
export function elementsInOrder(root: ParentNode, budget: Budget, skip: (el: Element) => boolean = isSkipped): Element[] {
  const out: Element[] = []
  const stack: AnyNode[] = []
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!)
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node) || skip(node)) continue
    budget.check()
    out.push(node)
    const kids = node.children
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!
      if (isTag(k)) stack.push(k)
    }
  }
  return out
}

/** All elements (skipped ones included) matching a predicate, in document order. */
export function findAll(root: ParentNode, match: (el: Element) => boolean, budget: Budget, max = Infinity): Element[] {
  const out: Element[] = []
  const stack: AnyNode[] = [...root.children].reverse()
  while (stack.length > 0 && out.length < max) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    budget.check()
    if (match(node)) out.push(node)
    const kids = node.children
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
  }
  return out
}

/** Raw text content (no skipping beyond script/style), whitespace-collapsed; iterative. */
export function rawText(root: ParentNode, budget: Budget = NO_BUDGET, skipHidden = true): string {
  const parts: string[] = []
  const stack: AnyNode[] = [...root.children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    budget.check()
    if (isTextNode(node)) parts.push(node.data)
    else if (isElement(node)) {
      if (skipHidden ? isSkipped(node) : node.name === 'script' || node.name === 'style') continue
      if (node.name === 'br') parts.push(' ')
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
    }
  }
  return collapse(parts.join(''))
}

const WS = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g

/** Collapses whitespace runs (incl. no-break spaces) to one space, drops zero-width characters, trims. */
export function collapse(s: string): string {
  return s.replace(INVISIBLE, '').replace(WS, ' ').trim()
}

/** Ancestors from the parent up to the document, at most `max`. */
export function ancestors(el: Element, max = Infinity): Element[] {
  const out: Element[] = []
  let p = el.parent
  while (p && !isDocument(p) && out.length < max) {
    if (isElement(p)) out.push(p)
    p = p.parent
  }
  return out
}

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: Element, inner: Element): boolean {
  let p: ParentNode | null = inner
  while (p) {
    if (p === outer) return true
    p = p.parent
  }
  return false
}
