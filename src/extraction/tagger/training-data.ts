import { splitSentences } from '../stages/split-sentences.js'
import { tokenize } from '../stages/tokenize.js'
import { documentFacts, type DocumentFacts } from './features.js'

export interface EntityDoc {
  text: string
  personMentions: { start: number; end: number }[]
  otherEntities: { start: number; end: number; type: string }[]
}

/** Sentences of one annotated document as the runtime tokenizer sees them, with BIO tags. */
export function toTrainingSentences(doc: EntityDoc): { words: string[]; tags: string[]; doc: DocumentFacts }[] {
  const sentences = splitSentences(doc.text)
  const tokens = tokenize(sentences)
  const spans = [...doc.personMentions.map((m) => ({ ...m, type: 'PER' })), ...doc.otherEntities].sort((a, b) => a.start - b.start)
  const tagOf = tokens.map((t) => {
    const e = spans.find((s) => t.start < s.end && s.start < t.end)
    if (!e) return 'O'
    return t.start <= e.start ? `B-${e.type}` : `I-${e.type}`
  })
  const bySentence = sentences.map(() => ({ words: [] as string[], tags: [] as string[] }))
  tokens.forEach((t, i) => {
    bySentence[t.sentence]!.words.push(t.text)
    bySentence[t.sentence]!.tags.push(tagOf[i]!)
  })
  const facts = documentFacts(bySentence.map((s) => s.words))
  return bySentence.filter((s) => s.words.length > 0).map((s) => ({ ...s, doc: facts }))
}

export const ENTITY_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC']
