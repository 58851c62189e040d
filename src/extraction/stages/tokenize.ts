import type { Sentence, Token } from '../types.js'

// Words keep inner apostrophes, hyphens and abbreviation periods ("U.S.", "Putin’s", "co-operation");
// possessive 's becomes its own token so "Putin’s adviser" yields "Putin".
// Three apostrophes after a word close a nested quotation and then the outer one: ' then ''.
const TOKEN =
  /(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’.]\p{L}[\p{L}\p{M}\p{N}]*)*(?=['’]s\b)|\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’]\p{L}[\p{L}\p{M}\p{N}]*)*\.?(?<=\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Maj|Inc|Corp|Co|Ltd|[A-Z])\.)|\p{L}[\p{L}\p{M}\p{N}]*(?:[-'’]\p{L}[\p{L}\p{M}\p{N}]*)*|['’]s\b|(?<=\S)'(?='')|''|\p{N}+(?:[.,:]\p{N}+)*%?|\S/gu

/** Tokens of every sentence with offsets into the body. */
export function tokenize(sentences: Sentence[]): Token[] {
  const tokens: Token[] = []
  sentences.forEach((s, sentence) => {
    for (const m of s.text.matchAll(TOKEN)) {
      tokens.push({ text: m[0], start: s.start + m.index, end: s.start + m.index + m[0].length, sentence })
    }
  })
  return tokens
}

export const isCapitalised = (t: string) => /^\p{Lu}/u.test(t)
export const isWord = (t: string) => /^\p{L}/u.test(t)
