import { attributeSpeakers, pronounMentions } from './stages/attribute-speakers.js'
import { findQuotes } from './stages/find-quotes.js'
import { linkQuotations } from './stages/link-quotations.js'
import { findPersonNames } from './stages/find-people.js'
import { resolvePeople } from './stages/resolve-people.js'
import { splitSentences } from './stages/split-sentences.js'
import { tagEntities } from './stages/tag-entities.js'
import { tokenize } from './stages/tokenize.js'
import type { ArticleText, Extraction } from './types.js'

/** Bumped whenever extraction output changes, so stored articles can be re-extracted (`--reextract`). */
export const EXTRACTOR_VERSION = 'rules-4+perceptron-1'

/** Article text in, people and quotes out: pure, no I/O. */
export function extract(doc: ArticleText): Extraction {
  const { body } = doc
  const sentences = splitSentences(body)
  const tokens = tokenize(body, sentences)
  const entities = tagEntities(sentences, tokens)
  const people = resolvePeople(body, tokens, findPersonNames(tokens, entities))
  const candidates = linkQuotations(body, sentences, findQuotes(body, sentences, tokens))
  const quotes = attributeSpeakers({ body, people, sentences }, candidates)
  return { sentences, people: pronounMentions(people, quotes), quotes }
}
