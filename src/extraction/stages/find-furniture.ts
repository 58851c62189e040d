import { GIVEN_NAMES, TITLE_WORDS } from '../lexicon/index.js'
import type { FurnitureKind, FurnitureSpan, Span } from '../types.js'

/**
 * Page furniture: the lines a scraper keeps from a news page that are not the article — ad
 * placeholders, links to other stories, photo captions with their credits, the headline
 * repeated, bylines and timestamps, sign-up and copyright notices, and topic labels before a
 * paragraph ("ENERGY: …"). They stay in the stored body (offsets stay valid) but are marked,
 * and extraction reads the body with them blanked out, so they are never quotes or speakers.
 */

/** Whole lines that hold nothing but an ad slot or a reading prompt. */
const AD_LINE =
  /^(?:advertisement|advert|ad|story continues (?:below|after) (?:this )?(?:advertisement|ad)|article continues (?:below|after) (?:this )?(?:advertisement|ad)|continue reading(?: (?:below|the main story|this story))?|skip advertisement|scroll (?:down )?to continue(?: with content)?|sponsored(?: content)?|ad feedback|(?:content )?continues below)\W*$/i

/** Labels that introduce a link to another story, a video or a gallery rather than text. */
const LINK_LABEL =
  /^(?:read more|read also|also read|more|see also|related(?: articles?| stories| coverage| content| news)?|recommended|watch(?: now| live)?|listen|video|photos?|gallery|in pictures|latest|trending|most read|top stories|don't miss|more from [^:]{1,40})\s*[:|>»]/i

/** Notices about the page, the site or the newsletter, not about the news. */
const NOTICE_LINE =
  /^(?:(?:click|tap) here\b|sign up (?:for|to)\b|subscribe (?:to|now)\b|follow (?:us|@\w+|\w+ on (?:twitter|x|facebook|instagram|tiktok|linkedin|threads|bluesky))\b|share (?:this (?:article|story)|on)\b|copyright\s*(?:©|\(c\)|\d{4})|©|\(c\) \d{4}|all rights reserved|this (?:article|story) (?:was|has been) (?:originally |first )?(?:published|updated)|get the latest\b|download (?:the|our) [\w ]{0,30}\bapp\b|(?:want|like) to read more\b|we use cookies\b)/i

/** A caption's credit at the end of a line: "(Jane Doe/Agency)", "(AP Photo/Evan Vucci)", "Photograph: Jane Doe/Agency". */
const CREDIT_TAIL =
  /(?:\((?:\p{Lu}[\p{L}.'’ -]{1,40}\/\s*\p{L}[\p{L}.'’ /-]{0,40}\.?|(?:AP |AFP |Reuters )?(?:Photo|Image|Picture|Photograph)s?(?: by| credit)?:?[^()\n]{0,60}|Getty Images|Reuters|AFP|AP)\)|\b(?:Photograph|Photo|Image|Picture)(?: credit)?:\s*[^.\n]{1,80})\s*$/iu
const CAPTION_START = /^(?:(?:file )?photo|image|picture|caption|pictured)\s*:/i

/** Reuters-style credit lines: "(Reporting by Jane Doe; Editing by John Roe)". */
const AGENCY_CREDIT_START = /^\(?\s*(?:(?:additional )?reporting|writing|editing|compiled) by\b/i

/** A byline or a timestamp on its own line. */
const BYLINE = /^(?:By|BY|by)\s+\p{Lu}[\p{L}.-]*(?:\s+(?:\p{Lu}[\p{L}.-]*|de|van|von|al|bin|and|&))+\s*(?:[,|–—-]\s*\p{Lu}[^\n]{0,60})?$/u
const TIMESTAMP_LINE =
  /^(?:(?:updated|published|posted|last (?:updated|modified))(?: on| at)?\s*:?\s*)[^\n]{0,60}(?:\d{4}|\b(?:am|pm|gmt|utc|bst|et|est|edt|pt|pst)\b)[^\n]{0,30}$/i

/** An all-caps topic label opening a paragraph: "ENERGY: Oil rose …", "FED TALK: …". */
const CAPS_LABEL = /^([\p{Lu}][\p{Lu}\d&'’./ -]{1,40}[\p{Lu}\d]):[ \t]+(?=\S)/u

/** What follows a transcript's speaker label sounds spoken: a discourse marker, or the first or second person. */
const SPOKEN = /^(?:Well|Look|Yes|Oh|Listen|Thank you|Thanks)\b|\b(?:I|[Ww]e|[Yy]ou|[Mm]y|[Oo]ur|me|us)\b(?!['’]s)/

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
const sameText = (a: string, b: string) => {
  const x = words(a)
  return x.length >= 3 && x.join(' ') === words(b).join(' ')
}
const titleCase = (w: string) => w.charAt(0) + w.slice(1).toLowerCase()

/**
 * An all-caps label is a speaker in a transcript ("CLINTON: We will …") when it names a person:
 * one of its words is a given name, or the body writes it after a given name or a title
 * ("Hillary Clinton", "JAKE TAPPER", "Mr Clinton").
 */
function namesAPerson(label: string, body: string): boolean {
  const parts = label
    .split(/[\s.]+/)
    .filter(Boolean)
    .map(titleCase)
  if (parts.some((p) => GIVEN_NAMES.has(p))) return true
  const surname = parts.at(-1)?.replace(/[^\p{L}'’-]/gu, '')
  if (!surname) return false
  const before = new RegExp(`([\\p{L}.]+)[ \\t]+${surname}\\b`, 'giu')
  for (const m of body.matchAll(before)) {
    const word = titleCase(m[1]!)
    if (GIVEN_NAMES.has(word) || TITLE_WORDS.has(word) || TITLE_WORDS.has(m[1]!)) return true
  }
  return false
}

/** Lines longer than this are article text whatever they start with (captions may run longer). */
const SHORT_LINE = 200
const CAPTION_LINE = 400

function classifyLine(line: string, title: string): FurnitureKind | null {
  const text = line.trim()
  if (text.length <= SHORT_LINE) {
    if (AD_LINE.test(text)) return 'advertisement'
    if (LINK_LABEL.test(text)) return 'link'
    if (NOTICE_LINE.test(text)) return 'notice'
    if (AGENCY_CREDIT_START.test(text)) return 'credit'
    if (BYLINE.test(text) && text.split(/\s+/).length <= 12) return 'byline'
    if (TIMESTAMP_LINE.test(text)) return 'byline'
    if (title && sameText(text, title)) return 'headline'
  }
  if (text.length <= CAPTION_LINE && (CAPTION_START.test(text) || CREDIT_TAIL.test(text))) return 'caption'
  return null
}

/** Furniture spans of a body, in order, not overlapping. */
export function findFurniture(title: string, body: string): FurnitureSpan[] {
  const spans: FurnitureSpan[] = []
  let lineStart = 0
  while (lineStart <= body.length) {
    const newline = body.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? body.length : newline
    const line = body.slice(lineStart, lineEnd)
    const lead = line.length - line.trimStart().length
    const text = line.trim()
    if (text) {
      const start = lineStart + lead
      const kind = classifyLine(text, title)
      if (kind) spans.push({ start, end: start + text.length, kind })
      else {
        const label = CAPS_LABEL.exec(text)
        if (label && !namesAPerson(label[1]!, body) && !SPOKEN.test(text.slice(label[0].length)))
          spans.push({ start, end: start + label[0].trimEnd().length, kind: 'label' })
        // an agency credit closing a paragraph: only the last parenthesis is a candidate
        const open = text.endsWith(')') ? text.lastIndexOf('(') : -1
        if (open > 0 && AGENCY_CREDIT_START.test(text.slice(open)))
          spans.push({ start: start + open, end: start + text.length, kind: 'credit' })
      }
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  return spans
}

/** The body with furniture blanked to spaces: the same length, so every offset stays valid. */
export function maskSpans(body: string, spans: Span[]): string {
  if (spans.length === 0) return body
  let out = ''
  let at = 0
  for (const s of spans) {
    out += body.slice(at, s.start) + body.slice(s.start, s.end).replace(/[^\n]/g, ' ')
    at = s.end
  }
  return out + body.slice(at)
}
