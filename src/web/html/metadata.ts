// Page metadata: JSON-LD (Article types, @graph, @id references), meta tags, <time>, <link rel>, bylines.
import { type AnyNode, type Document, type Element, isDocument } from 'domhandler'
import { type Budget, classAndId, collapse, isElement, isSkipped, isText, rawText } from './dom.js'
import { ARTICLE_TYPES, META_KEYS } from './lexicon.js'

export interface PageMetadata {
  title: string | null
  byline: string | null
  authors: string[]
  publishedAt: Date | null
  modifiedAt: Date | null
  canonicalUrl: string | null
  siteName: string | null
  section: string | null
  language: string | null
  description: string | null
  /** JSON-LD articleBody, when the page declares one: a fallback and cross-check for the body. */
  jsonLdBody: string | null
  /** The page says it is an article (JSON-LD Article type or og:type article). */
  declaresArticle: boolean
}

/** What one pass over the document collects for the metadata rules. */
interface Collected {
  meta: Map<string, string>
  canonical: string | null
  base: string | null
  titleTag: string | null
  htmlLang: string | null
  jsonLd: string[]
  h1: string[]
  times: { value: string; pub: boolean }[]
  itemprops: Map<string, string>
  relAuthors: string[]
  bylines: string[]
}

const BYLINE_HINT = /byline|(?:^|[\s_-])author|writtenby|p-author|contributor|(?:^|[\s_-])by-?line/i
const BYLINE_NOT = /avatar|image|photo|bio|about|twitter|social|follow|email|more|img|pic/i

function collect(doc: Document, budget: Budget): Collected {
  const c: Collected = {
    meta: new Map(),
    canonical: null,
    base: null,
    titleTag: null,
    htmlLang: null,
    jsonLd: [],
    h1: [],
    times: [],
    itemprops: new Map(),
    relAuthors: [],
    bylines: [],
  }
  const stack: { n: AnyNode; hidden: boolean }[] = [...doc.children].reverse().map((n) => ({ n, hidden: false }))
  while (stack.length > 0) {
    const { n, hidden } = stack.pop()!
    if (!isElement(n)) continue
    budget.check()
    const a = n.attribs
    switch (n.name) {
      case 'meta':
        addMeta(c.meta, a)
        break
      case 'link':
        if (a.href && /(?:^|\s)canonical(?:\s|$)/i.test(a.rel ?? '') && c.canonical === null) c.canonical = a.href.trim()
        break
      case 'base':
        if (a.href && c.base === null) c.base = a.href.trim()
        break
      case 'title':
        // a <title> inside an inline <svg> names the drawing, not the page
        if (c.titleTag === null && (!n.parent || isDocument(n.parent) || /^(?:head|html)$/.test((n.parent as Element | null)?.name ?? '')))
          c.titleTag = rawText(n, budget, false)
        break
      case 'html':
        if (c.htmlLang === null) c.htmlLang = a.lang ?? a['xml:lang'] ?? null
        break
      case 'script':
        if (/ld\+json/i.test(a.type ?? '')) c.jsonLd.push(rawScript(n))
        continue
      case 'h1':
        if (!hidden && c.h1.length < 5) c.h1.push(rawText(n, budget))
        break
      case 'time':
        if (!hidden)
          c.times.push({ value: a.datetime ?? rawText(n, budget), pub: a.pubdate !== undefined || /datepublished/i.test(a.itemprop ?? '') })
        break
    }
    const prop = a.itemprop?.toLowerCase()
    if (prop && !c.itemprops.has(prop)) {
      const v = a.content ?? a.datetime ?? (prop === 'author' || prop === 'headline' || prop === 'name' ? rawText(n, budget) : undefined)
      if (v) c.itemprops.set(prop, v)
    }
    if (!hidden && n.name === 'a' && /(?:^|\s)author(?:\s|$)/i.test(a.rel ?? '') && c.relAuthors.length < 5)
      c.relAuthors.push(rawText(n, budget))
    const hint = classAndId(n)
    if (!hidden && c.bylines.length < 3 && (BYLINE_HINT.test(hint) || prop === 'author') && !BYLINE_NOT.test(hint)) {
      const text = rawText(n, budget)
      if (text.length > 2 && text.length < 100 && /\p{L}/u.test(text)) c.bylines.push(text)
    }
    const childHidden = hidden || isSkipped(n)
    for (let i = n.children.length - 1; i >= 0; i--) stack.push({ n: n.children[i]!, hidden: childHidden })
  }
  return c
}

function rawScript(el: Element): string {
  return el.children.map((k) => (isText(k) ? k.data : '')).join('')
}

function addMeta(meta: Map<string, string>, a: Record<string, string>): void {
  const content = a.content ?? a.value
  if (content === undefined) return
  const value = collapse(content)
  if (!value) return
  const keys = `${a.property ?? ''} ${a.name ?? ''} ${a.itemprop ?? ''} ${a['http-equiv'] ?? ''}`.toLowerCase().split(/\s+/)
  for (const k of keys) if (k && !meta.has(k)) meta.set(k, value)
}

const firstMeta = (meta: Map<string, string>, keys: readonly string[]): string | null => {
  for (const k of keys) {
    const v = meta.get(k)
    if (v) return v
  }
  return null
}

/** Reads the page metadata; `url` resolves a relative canonical link. */
export function readMetadata(doc: Document, budget: Budget, url?: string): PageMetadata & { h1: string[]; titleTag: string | null } {
  const c = collect(doc, budget)
  const ld = readJsonLd(c.jsonLd)
  const siteName = ld.siteName ?? firstMeta(c.meta, META_KEYS.siteName) ?? ld.websiteName
  const authors = pickAuthors(ld.authors, c)
  const byline = c.bylines[0] ?? c.relAuthors[0] ?? (authors.length > 0 ? joinNames(authors) : null)
  const published = ld.published ?? firstMeta(c.meta, META_KEYS.published) ?? c.itemprops.get('datepublished') ?? pubTime(c.times)
  const modified = ld.modified ?? firstMeta(c.meta, META_KEYS.modified) ?? c.itemprops.get('datemodified') ?? null
  return {
    title: pickTitle(ld.headline, c, siteName),
    byline: byline ? collapse(byline) : null,
    authors: byline && authors.length === 0 ? splitNames(byline) : authors,
    publishedAt: parseDate(published),
    modifiedAt: parseDate(modified),
    canonicalUrl: resolveUrl(c.canonical ?? c.meta.get('og:url') ?? ld.url, url ?? c.base ?? undefined),
    siteName: siteName ? collapse(siteName) : null,
    section: ld.section ?? firstMeta(c.meta, META_KEYS.section),
    language: normaliseLang(c.htmlLang ?? firstMeta(c.meta, META_KEYS.language) ?? ld.language),
    description: firstMeta(c.meta, META_KEYS.description) ?? ld.description,
    jsonLdBody: ld.body,
    declaresArticle: ld.found || (!ld.collection && /article/i.test(c.meta.get('og:type') ?? '')),
    h1: c.h1,
    titleTag: c.titleTag,
  }
}

function pubTime(times: Collected['times']): string | null {
  return (times.find((t) => t.pub) ?? times[0])?.value ?? null
}

function pickAuthors(ldAuthors: string[], c: Collected): string[] {
  if (ldAuthors.length > 0) return dedupe(ldAuthors)
  const meta = firstMeta(c.meta, META_KEYS.author)
  if (meta && !/^(?:https?:|@)/.test(meta)) return splitNames(meta)
  const prop = c.itemprops.get('author')
  if (prop) return splitNames(prop)
  if (c.relAuthors.length > 0) return dedupe(c.relAuthors.map(collapse).filter(Boolean))
  return []
}

/** "By Jane Doe, John Roe and Ann Poe" -> the three names. */
export function splitNames(byline: string): string[] {
  const s = collapse(byline)
    .replace(/^(?:by|from|von|par|por|di|door|av)\s+/i, '')
    .replace(/\s*(?:\||·|—|–|-)\s*(?:updated|published|posted|\d).*$/i, '')
  const names = s
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i)
    .map((n) => n.trim())
    .filter((n) => n.length > 1 && n.length < 60 && /\p{L}/u.test(n))
  return dedupe(names)
}

const dedupe = (xs: string[]): string[] => [...new Set(xs)]
const joinNames = (xs: string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]!}`)

const TITLE_SEP = /\s+(?:\||-|–|—|::|»|·|\/|:)\s+/

function pickTitle(ldHeadline: string | null, c: Collected, siteName: string | null): string | null {
  const metaTitle = firstMeta(c.meta, META_KEYS.title)
  const h1 = c.h1.find((h) => h.length > 0) ?? null
  const raw = ldHeadline ?? metaTitle ?? c.titleTag ?? h1
  if (!raw) return null
  // the declared title names something else (a site slogan, a description) while the <title> and the h1 agree: take the h1
  if (h1 && c.titleTag && raw !== c.titleTag && !overlaps(raw, h1) && agrees(c.titleTag, h1, siteName)) return collapse(h1)
  return stripSiteName(collapse(raw), siteName, h1)
}

/** One text contains the other, after normalisation. */
const overlaps = (a: string, b: string): boolean => {
  const x = norm(a)
  const y = norm(b)
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x))
}
/** The <title> is the h1, once the site name is off it. */
const agrees = (titleTag: string, h1: string, siteName: string | null): boolean => {
  const h = norm(h1)
  return h.length > 0 && (norm(titleTag) === h || norm(stripSiteName(collapse(titleTag), siteName, null)) === h)
}

/** "Headline | Site Name" -> "Headline" when a side of the separator is the site (or the rest is the h1). */
export function stripSiteName(title: string, siteName: string | null, h1: string | null): string {
  const parts = title.split(TITLE_SEP)
  if (parts.length < 2) return title
  const site = norm(siteName ?? '')
  const isSite = (p: string) =>
    site.length > 0 && (norm(p) === site || (norm(p).length > 2 && (site.includes(norm(p)) || norm(p).includes(site))))
  if (isSite(parts[parts.length - 1]!)) return title.slice(0, title.lastIndexOf(parts[parts.length - 1]!)).replace(TITLE_SEP_END, '')
  if (isSite(parts[0]!)) return title.slice(parts[0]!.length).replace(TITLE_SEP_START, '')
  if (h1 && norm(title).startsWith(norm(h1)) && norm(h1).length > 10) return collapse(h1)
  return title
}
const TITLE_SEP_END = /\s+(?:\||-|–|—|::|»|·|\/|:)\s*$/
const TITLE_SEP_START = /^\s*(?:\||-|–|—|::|»|·|\/|:)\s+/
const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')

/** ISO dates, RFC 2822 dates and Unix seconds; null outside 1990..2100. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null
  const v = value.trim()
  let t: number
  if (/^\d{10}$/.test(v)) t = Number(v) * 1000
  else if (/^\d{13}$/.test(v)) t = Number(v)
  else t = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(v) ? v.replace(' ', 'T') : v)
  if (Number.isNaN(t)) return null
  const d = new Date(t)
  const y = d.getUTCFullYear()
  return y >= 1990 && y <= 2100 ? d : null
}

/** Resolves against the page URL; only absolute http(s) URLs come out. */
export function resolveUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim())
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}

function normaliseLang(lang: string | null | undefined): string | null {
  if (!lang) return null
  const l = lang.trim().replace(/_/g, '-')
  return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(l) ? l : null
}

interface JsonLdArticle {
  found: boolean
  /** the page declares itself a list of items (a section front), whatever og:type says */
  collection: boolean
  headline: string | null
  authors: string[]
  published: string | null
  modified: string | null
  siteName: string | null
  websiteName: string | null
  section: string | null
  language: string | null
  description: string | null
  body: string | null
  url: string | null
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? collapse(v) : null)

/** Parses JSON-LD blocks leniently (HTML comments, CDATA, raw control characters). */
export function parseJsonLd(text: string): unknown {
  const s = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '')
    .replace(/;\s*$/, '')
  try {
    return JSON.parse(s)
  } catch {
    try {
      // raw newlines and tabs inside strings are the usual breakage
      return JSON.parse(s.replace(/[\n\r\t\f\v]+/g, ' '))
    } catch {
      return null
    }
  }
}

const typesOf = (o: Obj): string[] => {
  const t = o['@type']
  const list = Array.isArray(t) ? t : [t]
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/:#]/, '').toLowerCase())
}

function readJsonLd(blocks: string[]): JsonLdArticle {
  const objects: Obj[] = []
  const stack: unknown[] = blocks.map(parseJsonLd)
  while (stack.length > 0 && objects.length < 2000) {
    const v = stack.pop()
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i])
    else if (isObj(v)) {
      objects.push(v)
      if (v['@graph']) stack.push(v['@graph'])
      if (isObj(v.mainEntity)) stack.push(v.mainEntity)
    }
  }
  const byId = new Map<string, Obj>()
  for (const o of objects) if (typeof o['@id'] === 'string' && Object.keys(o).length > 1) byId.set(o['@id'], o)
  const deref = (v: unknown): unknown =>
    isObj(v) && typeof v['@id'] === 'string' && Object.keys(v).length === 1 ? (byId.get(v['@id']) ?? v) : v
  const nameOf = (v: unknown): string | null => {
    const d = deref(v)
    return typeof d === 'string' ? str(d) : isObj(d) ? (str(d.name) ?? (isObj(d.name) ? null : null)) : null
  }
  const art = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.has(t)))
  const website = objects.find((o) => typesOf(o).includes('website'))
  const empty: JsonLdArticle = {
    found: false,
    collection: objects.some((o) => typesOf(o).some((t) => t === 'collectionpage' || t === 'searchresultspage')),
    headline: null,
    authors: [],
    published: null,
    modified: null,
    siteName: null,
    websiteName: website ? nameOf(website) : null,
    section: null,
    language: null,
    description: null,
    body: null,
    url: null,
  }
  if (!art) return empty
  const authorList = Array.isArray(art.author) ? art.author : art.author === undefined ? [] : [art.author]
  const authors = authorList
    .map(nameOf)
    .filter((n): n is string => n !== null && !/^https?:/.test(n))
    .flatMap((n) => (/,|\band\b/.test(n) ? splitNames(n) : [n]))
  const section = Array.isArray(art.articleSection) ? str(art.articleSection[0]) : str(art.articleSection)
  const main = deref(art.mainEntityOfPage)
  return {
    ...empty,
    found: true,
    headline: str(art.headline) ?? str(art.name),
    authors,
    published: str(art.datePublished) ?? str(art.dateCreated),
    modified: str(art.dateModified),
    siteName: nameOf(art.publisher) ?? nameOf(art.sourceOrganization),
    section,
    language: str(art.inLanguage) ?? nameOf(art.inLanguage),
    description: str(art.description),
    body: typeof art.articleBody === 'string' && art.articleBody.trim() ? art.articleBody : null,
    url: str(art.url) ?? (typeof main === 'string' ? str(main) : isObj(main) ? (str(main['@id']) ?? str(main.url)) : null),
  }
}
