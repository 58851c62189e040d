import { isoOrNull } from '../../shared/params.js'
import type { QuoteRow } from './quotes.repository.js'
import type { Quote } from './quotes.schema.js'

/** Database row -> API Quote. */
export function toQuote(r: QuoteRow): Quote {
  return {
    id: r.id,
    content: r.content,
    start: r.contentStart,
    end: r.contentEnd,
    parts: JSON.parse(r.parts) as Quote['parts'],
    kind: r.kind as Quote['kind'],
    cue: r.cue,
    cueOffsets: r.cueStart === null || r.cueEnd === null ? null : { start: r.cueStart, end: r.cueEnd },
    via: r.via,
    confidence: r.confidence,
    speaker: {
      name: r.speakerName,
      type: r.speakerType as Quote['speaker']['type'],
      text: r.speakerText,
      offsets: r.speakerStart === null || r.speakerEnd === null ? null : { start: r.speakerStart, end: r.speakerEnd },
      person: r.personId ? { id: r.personId, slug: r.personSlug!, name: r.personName! } : null,
      organization: (r.speakerType === 'organization' || r.speakerType === 'group') && r.speakerKey ? { slug: r.speakerKey } : null,
    },
    sentence: { start: r.sentenceStart, end: r.sentenceEnd, text: r.sentence },
    article: { id: r.articleId, title: r.articleTitle, publishedAt: isoOrNull(r.articlePublishedAt) },
    correction:
      r.decisionSeq === null || r.decisionKind === null
        ? null
        : {
            decision: r.decisionSeq,
            kind: r.decisionKind as NonNullable<Quote['correction']>['kind'],
            createdAt: isoOrNull(r.decisionCreatedAt)!,
            note: r.decisionNote,
          },
  }
}
