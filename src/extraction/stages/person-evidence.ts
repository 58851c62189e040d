import { sentenceAt } from '../spans.js'
import type { EntitySpan } from './tag-entities.js'
import { ROLE_NOUNS } from '../lexicon/index.js'
import type { Mention, PersonEntity, PersonEvidence, Sentence, Token } from '../types.js'

export type { PersonEvidence } from '../types.js'

/**
 * What one article's text says about whether a name is a person, beyond its pronouns (see
 * refer-gender.ts): the words news writing puts around people ("X, who", "X, 45,") and around
 * things ("shares in X", "oil firm X", "X plc", "the film X", "X, which"), how the tagger typed
 * the same words elsewhere in the article, and whether the name is a common word capitalised only
 * because it opens sentences ("Election", "Has"). Identity adds these up over all of a record's
 * articles (identity/personhood.ts); one article decides nothing.
 */

/** Nouns written directly before an organisation's name: "oil firm Yukos", "insurance broker Marsh". */
const ORGANIZATION_BEFORE =
  /\b(?:firm|company|companies|group|carmaker|car-maker|bank|airline|carrier|retailer|giant|maker|makers|broker|insurer|operator|supermarket|chain|conglomerate|brewer|manufacturer|publisher|studio|studios|label|network|website|site|portal|charity|agency|watchdog|regulator|band|duo|trio|quartet|club|outfit|franchise|distributor|developer|shares\s+in|stake\s+in|stakes\s+in|bid\s+for|takeover\s+of)\s+$/i

/** Words written after an organisation's name: "Yukos boss", "Apple shares", "Marsh plc". */
const ORGANIZATION_AFTER =
  /^(?:\s+(?:Ltd|plc|PLC|Inc|Corp|Corporation|Co|Group|Holdings|AG|SA|GmbH|NV|LLC)\b|['’]s?\s+(?:shares|share\s+price|profits?|sales|revenues?|earnings|shareholders|stock|customers|subscribers|chief\s+executive|board|headquarters|stores|shops|factory|factories|plants?|products|line-up|lineup|stadium|squad|fans)\b|\s+(?:shares|boss|bosses|chief\s+executive|chairman|shareholders|staff|employees|workers|customers|subscribers|users|executives|fans|spokesman|spokeswoman|spokesperson)\b)/

/** Nouns written before the title of a work or product: "the film Sideways", "the game Halo". */
const WORK_BEFORE =
  /\b(?:film|films|movie|album|single|song|book|novel|play|musical|show|series|sitcom|game|games|opera|ballet|track|programme|program|documentary|magazine|console|software|browser|handset|brand|title|comedy|drama|thriller|cartoon)\s+$/i

/** Words written after a band's name: "Franz Ferdinand's frontman", "the Libertines line-up". */
const BAND_AFTER = /^(?:['’]s)?\s+(?:frontman|frontwoman|guitarist|bassist|drummer|keyboardist|line-up|lineup|bandmates)\b/

/** What only people have or do: "Toure's late goal", "Fabregas's family", "Novo scored", "Whedon married". */
const PERSON_AFTER =
  /^(?:['’]s?\s+(?:\p{Ll}+\s+)?(?:goal|goals|header|shot|strike|free-kick|penalty|cross|tackle|volley|serve|backhand|forehand|wife|husband|mother|father|son|daughter|parents|family|career|death|funeral|girlfriend|boyfriend|birthday|lawyer|agent|biography)\b|\s+(?:scored|netted|headed|volleyed|equalised|equalized|sang|starred|married|died|resigned|retired)\b)/u

/** "X, which", "X said it", "X itself": a thing's pronouns. */
const IT_AFTER =
  /^(?:,\s+which\b|\s+itself\b|\s+(?:has\s+|had\s+)?(?:said|says|added|claims|claimed|argued|insisted)\s+(?:that\s+)?(?:it|its)\b)/

/** "X, who", "X, 45,": a person's relative pronoun and age. */
const WHO_AFTER = /^,\s+who\b/
const AGE_AFTER = /^,\s+\d{1,3},/

/** The opener of the next sentence when it refers back to a thing: "Its shares …", "It said …". */
const IT_OPENER = /^(?:Its\s|It\s+(?:said|says|added|employs|owns|sells|makes|bought|reported|announced)\b)/

/** A possessive or reflexive in the clause that follows the name: "Rusedski slammed his racket", "Yukos and its lawyers". */
const CLAUSE_AFTER = /^[^.,;:!?"“”()]{0,60}?\b(his|her|himself|herself|its|itself)\b/

/** Lower-case nouns for people written directly before a name: "singer Madonna", "striker Gudjohnsen", "rival Rusedski". */
const PERSON_NOUNS = new Set([
  ...ROLE_NOUNS,
  ...`rapper musician singer-songwriter songwriter comedian comic film-maker filmmaker novelist poet artist designer model
  dancer boxer golfer jockey sprinter athlete runner hurdler jumper swimmer cyclist skater skier winger forward keeper
  full-back fly-half scrum-half centre flanker lock prop bowler batsman batter pitcher quarterback rival compatriot
  team-mate teammate wife husband son daughter mother father brother sister widow widower friend girlfriend boyfriend
  colleague veteran youngster chef star superstar heiress socialite playwright screenwriter photographer broadcaster
  journalist blogger hacker pensioner student teacher nurse surgeon scientist researcher inventor explorer monk priest`.split(/\s+/),
])

const WORD_BEFORE = /(?:^|[^\p{L}-])(\p{Ll}[\p{Ll}-]*)\s+$/u

/** Opening quotation marks and brackets a sentence may start with before its first word. */
const SENTENCE_LEAD = /^[\s"“‘'([-]*/

const named = (p: PersonEntity) => p.mentions.filter((m) => m.kind === 'name' || m.kind === 'alias')

/** No clue of any kind. */
export const emptyEvidence = (): PersonEvidence => ({
  named: 0,
  sentenceStart: 0,
  lowercase: 0,
  titled: 0,
  who: 0,
  age: 0,
  role: 0,
  it: 0,
  organization: 0,
  work: 0,
  place: 0,
})

/** Whether the mention is the first word of its sentence (after quotation marks and brackets). */
function opensSentence(sentences: Sentence[], m: Mention): boolean {
  const s = sentences[sentenceAt(sentences, m.start)]
  return !!s && s.start + (SENTENCE_LEAD.exec(s.text)?.[0].length ?? 0) === m.start
}

/** The texts the tagger typed as organisation or place anywhere in the article. */
function taggedTexts(body: string, tokens: Token[], entities: EntitySpan[]): Map<string, 'organization' | 'place'> {
  const typed = new Map<string, 'organization' | 'place'>()
  for (const e of entities) {
    if (e.type !== 'ORG' && e.type !== 'LOC') continue
    const text = body.slice(tokens[e.from]!.start, tokens[e.to - 1]!.end)
    typed.set(text, e.type === 'ORG' ? 'organization' : 'place')
  }
  return typed
}

/** Occurrences of `text` as a whole word in the body, outside the given spans. */
function occurrencesOutside(body: string, text: string, spans: Mention[]): number[] {
  const found: number[] = []
  for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
    const before = at > 0 ? body[at - 1]! : ' '
    const after = body[at + text.length] ?? ' '
    if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue
    if (!spans.some((m) => at < m.end && at + text.length > m.start)) found.push(at)
  }
  return found
}

/** One item of a list of names: one to four capitalised words, maybe a team or country in brackets and a minute ("Koumas (West Brom)", "B Reihana (New Zealand)", "Fadiga 14"). */
const NAME_ITEM =
  /^\s*(?:[\p{L}\s]{0,30}:\s*)?(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*\s*(?:\([^)]{0,30}\))?\s*(?:\d{1,3})?\s*[.)]?\s*$/u

/**
 * Sentences that list four or more names ("Subs not used: Poole, Ba, Vaz Te, Fadiga", "Giggs (Man
 * Utd), Koumas (West Brom), …"): news lists people this way (line-ups, casts, shortlists) far more
 * often than it lists firms by bare name.
 */
function listSentences(sentences: Sentence[]): Set<number> {
  const lists = new Set<number>()
  sentences.forEach((s, k) => {
    const items = s.text.split(/[,;]|\band\b/)
    if (items.filter((item) => NAME_ITEM.test(item)).length >= 4) lists.add(k)
  })
  return lists
}

/** Evidence of person-hood for each person of an article (same order). Pure: text in, counts out. */
export function personEvidence(
  body: string,
  sentences: Sentence[],
  tokens: Token[],
  entities: EntitySpan[],
  people: PersonEntity[],
): PersonEvidence[] {
  const typed = taggedTexts(body, tokens, entities)
  const mentioned = people.flatMap(named)
  const lists = listSentences(sentences)
  return people.map((person) => {
    const ev = emptyEvidence()
    const own = named(person)
    ev.titled = person.titles.length > 0 ? 1 : 0
    for (const m of own) {
      ev.named++
      const before = body.slice(Math.max(0, m.start - 40), m.start)
      const after = body.slice(m.end, m.end + 60)
      if (ORGANIZATION_BEFORE.test(before) || ORGANIZATION_AFTER.test(after)) ev.organization++
      if (WORK_BEFORE.test(before)) ev.work++
      if (BAND_AFTER.test(after)) ev.organization++
      if (IT_AFTER.test(after)) ev.it++
      if (WHO_AFTER.test(after) || PERSON_AFTER.test(after)) ev.who++
      const roleBefore = WORD_BEFORE.exec(before)?.[1]
      if ((roleBefore && PERSON_NOUNS.has(roleBefore)) || lists.has(sentenceAt(sentences, m.start))) ev.role++
      const possessive = CLAUSE_AFTER.exec(after)?.[1]
      if (possessive) ev[possessive.startsWith('it') ? 'it' : 'role']++
      if (AGE_AFTER.test(after)) ev.age++
      const opens = opensSentence(sentences, m)
      if (opens) ev.sentenceStart++
      // "Yukos … . Its shares fell": the next sentence refers back to the thing that opened this one
      const k = sentenceAt(sentences, m.start)
      const next = sentences[k + 1]
      if (opens && next && next.paragraph - sentences[k]!.paragraph <= 1 && IT_OPENER.test(next.text)) ev.it++
    }
    // the same words the tagger typed as an organisation or a place where they are not this person
    for (const text of new Set(own.map((m) => m.text))) {
      const kind = typed.get(text)
      if (!kind) continue
      const elsewhere = occurrencesOutside(body, text, mentioned).length
      if (kind === 'organization') ev.organization += Math.min(elsewhere, 2)
      else ev.place += Math.min(elsewhere, 2)
    }
    // a one-word name also written in lower case ("Election … the election"): a common word
    if (!person.name.includes(' ') && /^\p{Lu}\p{Ll}+$/u.test(person.name))
      ev.lowercase = occurrencesOutside(body, person.name.toLowerCase(), []).length > 0 ? 1 : 0
    return ev
  })
}
