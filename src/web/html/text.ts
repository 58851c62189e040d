// DOM -> plain text paragraphs: blocks become paragraphs, <br> a line break, <pre> keeps its lines.
import type { AnyNode, Element } from 'domhandler'
import { type Budget, isElement, isSkipped, isText } from './dom.js'
import { BLOCK_TAGS } from './lexicon.js'

const EXIT = Symbol('exit')
type Frame = AnyNode | { [EXIT]: Element }

const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g

/** One paragraph of text and the block element it came from. */
export interface Paragraph {
  text: string
  tag: string
}

/** Paragraphs of `root`'s text, skipping hidden/script nodes and anything `drop` rejects. */
export function toParagraphs(root: Element, drop: (el: Element) => boolean, budget: Budget): Paragraph[] {
  const out: Paragraph[] = []
  let buf: string[] = []
  let pre = 0
  const blockTags: string[] = [root.name]
  const flush = () => {
    if (buf.length === 0) return
    emit(buf.join(''), blockTags[blockTags.length - 1] ?? 'p', pre > 0, out)
    buf = []
  }
  const stack: Frame[] = [root]
  while (stack.length > 0) {
    const f = stack.pop()!
    budget.check()
    if (EXIT in f) {
      const el = f[EXIT]
      flush()
      blockTags.pop()
      if (el.name === 'pre') pre--
      continue
    }
    if (isText(f)) {
      buf.push(pre > 0 ? f.data : f.data.replace(SPACES, ' '))
      continue
    }
    if (!isElement(f) || (f !== root && (isSkipped(f) || drop(f)))) continue
    if (f.name === 'br') {
      buf.push('\n')
      continue
    }
    if (BLOCK_TAGS.has(f.name)) {
      flush()
      blockTags.push(f.name)
      if (f.name === 'pre') pre++
      stack.push({ [EXIT]: f })
    } else if (f.name === 'img' && buf.length > 0) buf.push(' ')
    for (let i = f.children.length - 1; i >= 0; i--) stack.push(f.children[i]!)
  }
  flush()
  return out
}

function emit(raw: string, tag: string, isPre: boolean, out: Paragraph[]): void {
  const text = raw.replace(INVISIBLE, '')
  const lines = text.split('\n').map((l) => (isPre ? l.replace(/\s+$/, '') : l.replace(SPACES, ' ').trim()))
  // a blank line (two <br>s) separates paragraphs
  let para: string[] = []
  const push = () => {
    while (para.length > 0 && para[para.length - 1] === '') para.pop()
    while (para.length > 0 && para[0] === '') para.shift()
    if (para.length > 0) out.push({ text: para.join('\n'), tag })
    para = []
  }
  for (const l of lines) {
    if (l === '' && !isPre) push()
    else para.push(l)
  }
  push()
}

/** Paragraph texts joined into the article body. */
export const joinParagraphs = (ps: readonly Paragraph[]): string => ps.map((p) => p.text).join('\n\n')
