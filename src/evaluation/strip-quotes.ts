/**
 * Removes quotation marks (" “ ” « » ‘ '' and ’ when not an apostrophe inside a word) from a text and
 * maps offsets into the new text, so gold spans can be shifted with it.
 */
export function stripQuotationMarks(text: string): { text: string; map: (offset: number) => number } {
  const removed: number[] = [] // sorted offsets of removed characters
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const apostrophe = ch === '’' && /\p{L}/u.test(text[i - 1] ?? '') && /\p{L}/u.test(text[i + 1] ?? '')
    const doubled = ch === "'" && (text[i + 1] === "'" || text[i - 1] === "'")
    if ('"“”«»‘'.includes(ch) || (ch === '’' && !apostrophe) || doubled) {
      removed.push(i)
      continue
    }
    out += ch
  }
  const map = (offset: number) => {
    let lo = 0
    let hi = removed.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (removed[mid]! < offset) lo = mid + 1
      else hi = mid
    }
    return offset - lo
  }
  return { text: out, map }
}
