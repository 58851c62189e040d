// Word lists and patterns for the HTML article extractor: data, not control flow.

/** Never content: their text is code, chrome or a fallback for what the reader sees. */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'nav',
  'dialog',
  'map',
  'source',
  'track',
])

/** Elements that start a new paragraph of text. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'picture',
  'br-block',
])

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i
/** Class tokens that hide an element from sighted readers (screen-reader-only labels like "Advertisement"). */
export const HIDDEN_CLASS = /(?:^|\s)(?:hidden|sr-only|visually-?hidden|screen-reader-(?:text|only)|offscreen|is-hidden|u-hidden)(?:\s|$)/i

/** class/id words of the article itself. */
export const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|richtext/i
/** class/id words that mark a container as article text for sure (itemprop handled apart). */
export const STRONG_POSITIVE =
  /articlebody|article-body|article__body|article-content|article__content|story-body|storybody|story-content|entry-content|post-content|post-body|postbody|body-text|article-text|story-text|main-content|content-body|rich-text|caas-body|paywall/i
/** class/id words of furniture around the article. */
export const NEGATIVE =
  /-ad-|(?:^|[\s_-])ads?(?:[\s_-]|$)|advert|hidden|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|taboola|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|social|newsletter|subscri|signup|sign-up|cookie|consent|popup|modal|recirc|trending|most-?popular|more-?stories|read-?more|breadcrumb|byline|author|toolbar|pagination|pager|caption|credit|disclaimer|rail|teaser|card|nav|menu|jump|print|login|paywall-prompt|inline-?cta|recommend|gallery|legends|carousel|slideshow/i
/** Stronger than NEGATIVE: removed inside the chosen container whatever their text. */
export const BOILERPLATE =
  /(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|subscription|signup|cookie|consent|gdpr|related|recirc|trending|most-?popular|more-?stories|outbrain|taboola|comments?|disqus|advert|advertisement|ad-?slot|ad-?container|ad-?wrapper|ad-?unit|dfp|promo|sponsored|breadcrumbs?|tags|tag-?list|topics|author-?bio|author-?info|bio|about-?the-?author|byline|dateline|timestamp|toolbar|print|popup|modal|recommended|read-?more|also-?read|see-?also|more-?on|pagination|pager|jump-?link|skip-?link|inline-?cta|cta|signin|login|paywall-?prompt|follow|rating|video-?player|video|player|vjs|audio|embed|gallery|legends|carousel|slideshow|chart|graphic|infographic|ai2html|datawrapper|flourish)(?:[\s_-]|$)/i
/** Boilerplate words that no amount of prose redeems (a long comment thread is still comments). */
export const NEVER_CONTENT =
  /comment|disqus|related|recirc|outbrain|taboola|newsletter|cookie|consent|gallery|legends|carousel|slideshow|share|social/i
/** Words that keep a container despite a negative word ("article-meta-content" stays). */
export const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow|story|entry/i

/** Headings that announce a list of other stories, not article text. */
export const RELATED_HEADING =
  /^(?:related(?:\s+(?:stories|articles|coverage|content|links|reading|news))?|read (?:more|next|also)|more (?:from|on|stories|news|in|like this)|you (?:may|might) (?:also )?like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|see also|also read|further reading|what to read next|top stories|latest (?:news|stories)|share (?:this|on)|comments?|advertisement|sponsored|newsletter|sign up.*|subscribe.*)\s*:?$/i

/** Short lines that are chrome wherever they stand. */
export const FURNITURE_LINE =
  /^(?:advertisement|sponsored( content)?|story continues below(?: advertisement)?|continue reading(?: (?:the|this) (?:main )?story)?|share (?:this|on \w+)|(?:share|tweet|email|print|comment)s?|click here to .*|sign up for .*newsletter.*|subscribe(?: now)?|skip (?:to|past) .*|image|photo|video|ad|supported by|listen to (?:this|the) (?:article|story).*|\d+ min(?:ute)? read|[\d.,]+[km]? (?:shares?|comments?|views?|likes?)|read more|follow us on .*|getty images)\.?$/i

export const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'askpublicnewsarticle',
  'blogposting',
  'liveblogposting',
  'socialmediaposting',
  'techarticle',
  'scholarlyarticle',
  'report',
  'review',
  'satiricalarticle',
  'medicalscholarlyarticle',
  'advertisercontentarticle',
])

/** Meta names/properties for each field, in order of trust. */
export const META_KEYS = {
  title: ['og:title', 'twitter:title', 'dc.title', 'dcterms.title', 'title', 'sailthru.title', 'parsely-title', 'headline'],
  description: ['og:description', 'description', 'twitter:description', 'dc.description', 'dcterms.description', 'sailthru.description'],
  siteName: ['og:site_name', 'application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher', 'twitter:site'],
  section: ['article:section', 'section', 'parsely-section', 'sailthru.section', 'category', 'og:article:section', 'articlesection'],
  author: [
    'author',
    'article:author',
    'parsely-author',
    'sailthru.author',
    'dc.creator',
    'dcterms.creator',
    'byl',
    'byline',
    'twitter:creator',
  ],
  published: [
    'article:published_time',
    'og:article:published_time',
    'datepublished',
    'pubdate',
    'publishdate',
    'publish-date',
    'publication_date',
    'date',
    'dc.date',
    'dc.date.issued',
    'dcterms.issued',
    'dcterms.created',
    'dc.date.created',
    'sailthru.date',
    'parsely-pub-date',
    'article.published',
    'published_time',
    'og:published_time',
    'datecreated',
    'originalpublicationdate',
    'display-date',
    'ptime',
  ],
  modified: [
    'article:modified_time',
    'og:updated_time',
    'datemodified',
    'dcterms.modified',
    'dc.date.modified',
    'lastmod',
    'last-modified',
    'article.updated',
    'utime',
  ],
  language: ['content-language', 'language', 'dc.language', 'dcterms.language', 'og:locale', 'inlanguage'],
} as const

/** A bare count ("137", "2.4k") standing alone: a share or comment counter, unless it is a table cell or list item. */
export const COUNT_LINE = /^[\d.,]+[km]?$/i
export const DATA_CELL_TAGS = new Set(['td', 'th', 'li', 'dd', 'dt', 'pre'])

/** A line that is only a date or time stamp ("5 March 2024", "Updated: Nov 2, 2023 10:15 AM ET"). */
export const DATE_LINE =
  /^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\p{L}{3,9}\.?,?\s+)?(?:\p{L}{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\.?\s+\p{L}{3,9}\.?,?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}{0,6}\.? \d{1,2})(?:[\s,|·•-]+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$/iu
