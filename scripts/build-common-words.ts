/**
 * Builds src/extraction/lexicon/common-words.txt: English words news text writes in lower case
 * (at least 3 times, and at least three times as often as capitalised inside a sentence). A
 * one-word "person" that is one of them ("Election", "Fridges") is a common word capitalised by
 * its place in a sentence, not a name (identity/personhood.ts). Learned from unlabelled text only:
 * the BBC articles and the *training* splits of CoNLL-2003 and PolNeAR; never dev or test.
 *
 *   npx tsx scripts/build-common-words.ts [shared data folder]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const data = process.argv[2] ?? '../shared/data'
const texts: string[] = []
const bbc = join(data, 'articles/bbc')
for (const f of readdirSync(bbc).filter((f) => f.endsWith('.txt'))) texts.push(readFileSync(join(bbc, f), 'utf8'))
for (const file of ['people/conll2003-train.jsonl', 'quotes/polnear-train.jsonl'])
  for (const line of readFileSync(join(data, file), 'utf8').split('\n').filter(Boolean))
    texts.push((JSON.parse(line) as { text: string }).text)

const lower = new Map<string, number>()
const upper = new Map<string, number>()
for (const text of texts)
  for (const m of text.matchAll(/(^|[^\p{L}\p{N}'’-])(\p{L}[\p{L}'’-]*)/gmu)) {
    const word = m[2]!
    // a word opening a line or a sentence says nothing about how it is written
    const before = text.slice(Math.max(0, m.index - 3), m.index + m[1]!.length)
    if (m.index === 0 || /(^|[.!?:"“‘]\s*|\n\s*)$/.test(before)) continue
    if (/^\p{Ll}+$/u.test(word)) lower.set(word, (lower.get(word) ?? 0) + 1)
    else if (/^\p{Lu}\p{Ll}+$/u.test(word)) {
      const key = word.toLowerCase()
      upper.set(key, (upper.get(key) ?? 0) + 1)
    }
  }
const common = [...lower]
  .filter(([w, n]) => n >= 3 && n >= 3 * (upper.get(w) ?? 0) && w.length > 1)
  .map(([w]) => w)
  .sort()
writeFileSync(new URL('../src/extraction/lexicon/common-words.txt', import.meta.url), common.join('\n') + '\n')
console.log(`wrote ${common.length} common words from ${texts.length} texts`)
