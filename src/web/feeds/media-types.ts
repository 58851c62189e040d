/**
 * The media types feeds are served as: the registered ones, the legacy ones servers still send
 * (x-rss+xml, x-atom+xml; RSS 1.0 as rdf+xml) and generic XML. JSON Feed may also come as plain
 * application/json, which is told from other JSON by looking (looksLikeFeed).
 */
export const FEED_MEDIA_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/x-rss+xml',
  'application/atom+xml',
  'application/x-atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/xml',
  'text/xml',
]
