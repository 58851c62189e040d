import { describe, expect, it } from 'vitest'
import { MATCH_CLOSE, MATCH_OPEN, markedSnippet, searchedPhrases } from '../../src/search/snippet-text.js'
import { parseMarkedSnippet } from '../../src/search/snippets.js'
import { parseSearch } from '../../src/search/query.js'

const marked = (text: string, q: string, size?: number) => {
  const out = markedSnippet(text, searchedPhrases(parseSearch(q).fts), size)
  return out && out.replaceAll(MATCH_OPEN, '[').replaceAll(MATCH_CLOSE, ']')
}

describe('searchedPhrases', () => {
  it('takes the wanted phrases and leaves the excluded ones out', () => {
    expect(searchedPhrases(parseSearch('"security guarantees" putin OR xi -trump').fts)).toEqual([
      ['security', 'guarantees'],
      ['putin'],
      ['xi'],
    ])
  })
})

describe('markedSnippet', () => {
  it('marks words by their stem, as the index matched them', () => {
    expect(marked('The minister guaranteed the loans.', 'guarantees')).toBe('The minister [guaranteed] the loans.')
    expect(marked('Officials are RUNNING late.', 'run')).toBe('Officials are [RUNNING] late.')
  })

  it('marks a phrase as one match, and only where its words follow each other', () => {
    expect(marked('Security, they said, needs guarantees. Western security guarantees came later.', '"security guarantees"')).toBe(
      'Security, they said, needs guarantees. Western [security guarantees] came later.',
    )
  })

  it('gives a text shorter than the window whole', () => {
    expect(marked('Lee said the harbour plan is ready.', 'harbour')).toBe('Lee said the [harbour] plan is ready.')
  })

  it('keeps a window of words around the best match, with ellipses where the text was cut', () => {
    const text = `${'filler '.repeat(50)}the harbour plan was approved on Monday ${'more '.repeat(50)}`.trim()
    const out = marked(text, 'harbour', 8)!
    expect(out).toBe('…filler the [harbour] plan was approved on Monday…')
    // at the end of a text the window reaches back to keep its size
    expect(marked(`${'filler '.repeat(50)}the harbour plan`, 'harbour', 5)).toBe('…filler filler the [harbour] plan')
  })

  it('prefers the window holding the most different searched words', () => {
    const text = `Putin spoke first. ${'word '.repeat(40)}Later Putin and Xi met in Moscow.`
    expect(marked(text, 'putin xi', 6)).toBe('…word Later [Putin] and [Xi] met…')
  })

  it('gives null when none of the words is in the text, and ignores words that only share a beginning', () => {
    expect(marked('Nothing to see here.', 'harbour')).toBeNull()
    expect(marked('The secretary spoke.', 'secret')).toBeNull()
  })

  it('turns into text, offsets and escaped HTML', () => {
    const snippet = parseMarkedSnippet(markedSnippet('A <b> tag and the harbour.', [['harbour']])!)
    expect(snippet.text).toBe('A <b> tag and the harbour.')
    expect(snippet.highlights).toEqual([{ start: 18, end: 25 }])
    expect(snippet.html).toBe('A &lt;b&gt; tag and the <mark>harbour</mark>.')
  })
})
