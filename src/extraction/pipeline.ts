import { attributeSpeakers, pronounMentions } from './stages/attribute-speakers.js'
import { findQuotes, findUnattributedQuotations } from './stages/find-quotes.js'
import { findPersonNames } from './stages/find-people.js'
import { resolvePeople } from './stages/resolve-people.js'
import { splitSentences } from './stages/split-sentences.js'
import { tagEntities } from './stages/tag-entities.js'
import { tokenize } from './stages/tokenize.js'
import type { ArticleText, Extraction } from './types.js'

/** Bumped whenever extraction output changes, so stored articles can be re-extracted (`--reextract`). */
export const EXTRACTOR_VERSION = 'rules-2+perceptron-1'

/** Article text in, people and quotes out: pure, no I/O. */
export function extract(doc: ArticleText): Extraction {
  const { body } = doc
  const sentences = splitSentences(body)
  const tokens = tokenize(body, sentences)
  const entities = tagEntities(sentences, tokens)
  const people = resolvePeople(body, tokens, findPersonNames(tokens, entities))
  const attributed = findQuotes(body, sentences, tokens)
  const covered = attributed.map((q) => q.content)
  const unattributed = sentences.flatMap((s, sentence) =>
    findUnattributedQuotations(body, s, covered).map((content) => ({
      content, speaker: null, cue: 'quotation', cueSpan: null, via: null, pattern: 'quotation', confidence: 0.5, sentence,
    })),
  )
  const quotes = attributeSpeakers({ body, people, sentences }, [...attributed, ...unattributed])
  return { sentences, people: pronounMentions(people, quotes), quotes }
}
