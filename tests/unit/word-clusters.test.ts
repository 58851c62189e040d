import { describe, expect, it } from 'vitest'
import { buildWordClusters } from '../../src/extraction/lexicon/build-word-clusters.js'
import { WORD_CLUSTERS, wordCluster } from '../../src/extraction/lexicon/word-clusters.js'

describe('word clusters', () => {
  // a toy corpus: surnames stand after given names and before "said", towns after "in"
  const sentences: string[][] = []
  const surnames = ['Kowalski', 'Nguyen', 'Okafor', 'Jansson', 'Petrov', 'Garcia']
  const towns = ['Lyon', 'Gdansk', 'Lagos', 'Hanoi', 'Malmo', 'Kazan']
  const given = ['Anna', 'Piotr', 'Chidi', 'Lars', 'Ivan', 'Maria']
  for (let round = 0; round < 6; round++)
    for (let k = 0; k < 6; k++) {
      sentences.push([given[(k + round) % 6]!, surnames[k]!, 'said', 'on', 'Monday', 'that', 'prices', 'rose', '.'])
      sentences.push(['Prices', 'rose', 'in', towns[k]!, 'on', 'Tuesday', ',', 'officials', 'said', '.'])
    }

  it('gives words used in the same places the same cluster prefixes, deterministically', () => {
    const clusters = buildWordClusters(sentences, { minCount: 2, clusters: 8 })
    const again = buildWordClusters(sentences, { minCount: 2, clusters: 8 })
    expect([...again]).toEqual([...clusters])
    const of = (w: string) => clusters.get(w)!
    expect(new Set(surnames.map(of)).size).toBe(1)
    expect(new Set(towns.map(of)).size).toBe(1)
    expect(of('Kowalski')).not.toBe(of('Lyon'))
    expect(of('Kowalski')).toMatch(/^[01]+$/)
  })

  it('ships clusters learned from news text, looked up as written or in title case', () => {
    expect(WORD_CLUSTERS.size).toBeGreaterThan(10_000)
    expect(wordCluster('Blair')).toMatch(/^[01]+$/)
    expect(wordCluster('BLAIR')).toBe(wordCluster('Blair'))
    expect(wordCluster('Qwxzzyv')).toBe('')
  })
})
