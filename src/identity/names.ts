/**
 * Person names as identity sees them: honorifics and ranks are titles, not names; initials do
 * not tell people apart ("George W Bush" is "George Bush"); and some capitalised runs that look
 * like names are things named after people ("Bush-style", "the Blair Witch Project").
 */

/** Forms of address, academic, military, clerical and political titles written before a name. */
const HONORIFICS = new Set(
  `mr mrs ms miss mx dr doctor sir dame prof professor rev reverend revd fr father sister brother bishop archbishop
  cardinal pope rabbi imam sheikh sheik ayatollah mullah gen general lt lieutenant col colonel maj major capt captain
  cmdr commander adm admiral brig brigadier sgt sergeant cpl corporal pte private marshal
  president vice chancellor senator sen rep representative congressman congresswoman governor gov mayor judge justice
  minister premier prime secretary ambassador king queen prince princess emperor empress chairman chairwoman coach
  st saint`.split(/\s+/),
)

/** Role nouns that end a capitalised role phrase before a name ("Lifelong Learning Minister Jim Wallace", "Musician Alan Wass"). */
const ROLE_HEADS = new Set(
  `minister secretary spokesman spokeswoman spokesperson director chairman chairwoman chief executive officer manager coach
  boss captain striker midfielder defender goalkeeper keeper winger forward player musician singer actor actress author
  writer producer presenter star analyst economist editor correspondent reporter founder owner president leader mp mep
  commissioner ambassador envoy adviser advisor official aide inspector superintendent detective attorney lawyer`.split(/\s+/),
)

/** Peerage titles: with a single name after them the title is part of the name the peer is known by. */
const PEERAGES = new Set(['lord', 'lady', 'baroness', 'baron', 'earl', 'viscount', 'countess', 'duke', 'duchess', 'marquess'])

const word = (w: string) => w.toLowerCase().replace(/\.$/, '')

export interface TitledName {
  /** The honorifics written before the name ("Mr", "Prime Minister"), or null. */
  title: string | null
  name: string
}

/**
 * Separates the honorifics that open a name: "Mr Blair" → Mr + Blair, "President George W Bush"
 * → President + George W Bush. A peer named by one word keeps the peerage ("Lord Sainsbury",
 * "Baroness Thatcher"): the peerage is the name the person is known by, and without it the word
 * is a family or a firm (Sainsbury's). A peerage before a full name is a title ("Lady Diana
 * Spencer" → Diana Spencer). A name made only of titles is returned unchanged.
 */
export function splitHonorific(name: string): TitledName {
  const words = name.trim().split(/\s+/)
  // a role phrase ending in a role noun, before a name of two words or more
  const roleEnd = words.findLastIndex((w, k) => k <= words.length - 3 && ROLE_HEADS.has(word(w)))
  let i = roleEnd + 1
  while (i < words.length - 1 && (HONORIFICS.has(word(words[i]!)) || PEERAGES.has(word(words[i]!)))) i++
  if (i > 0 && words.length - i === 1 && PEERAGES.has(word(words[i - 1]!))) i--
  if (i === 0) return { title: null, name: words.join(' ') }
  return { title: words.slice(0, i).join(' '), name: words.slice(i).join(' ') }
}

/** Titles that make one word the name a person is known by: peerages, royalty, judges ("Lord Falconer", "Prince Charles", "Mr Justice Eady"). */
const TITLE_NAME =
  /^(?:Lord|Lady|Baroness|Baron|Earl|Viscount|Countess|Duke|Duchess|Marquess|Prince|Princess|King|Queen|(?:Mr|Mrs|Lord|Lady)\s+Justice)$/

/**
 * The name a person is known by when the article wrote one word under a title that is part of it:
 * "Falconer" titled Lord is Lord Falconer (without the title the word is a family or a firm);
 * "Charles" titled Prince is Prince Charles. Any other name is returned as it is.
 */
export function titleName(name: string, titles: string[], isCommonWord: (lower: string) => boolean = () => false): string {
  // "Lady Marmalade", "Princess Consort": a title before a common word names a song or a rank, not a person
  if (name.includes(' ') || isCommonWord(name.toLowerCase())) return name
  const title = titles.find((t) => TITLE_NAME.test(t.trim()))
  return title ? `${title.trim().replace(/\s+/g, ' ')} ${name}` : name
}

/**
 * A name with a stray capitalised word before it, swept in where it opens a sentence or heads a
 * caption: "Model Sophie Anderton", "Referee Graham Poll" (a role noun no list holds), "Again
 * Roddick", "Perhaps Robinson" (an adverb at a sentence start). The word goes when it is a common
 * English word and what follows is a name: a known given name and more, or one uncommon word.
 * "Angry Men" and "Star Wars" stay whole (the rest is common too): they are titles, not names.
 */
export function withoutStrayOpener(name: string, isCommonWord: (lower: string) => boolean, isGivenName: (w: string) => boolean): string {
  const words = name.split(/\s+/)
  while (words.length >= 2) {
    const [first, ...rest] = words as [string, ...string[]]
    const stray = isCommonWord(first.toLowerCase()) && !isGivenName(first) && !HONORIFICS.has(word(first)) && !PEERAGES.has(word(first))
    const nameFollows = rest.length >= 2 ? isGivenName(rest[0]!) : !isCommonWord(rest[0]!.toLowerCase())
    if (!stray || !nameFollows) break
    words.shift()
  }
  return words.join(' ')
}

/** True when the name opens with an honorific that splitHonorific would remove. */
export const startsWithHonorific = (name: string) => splitHonorific(name).title !== null

/** An initial ("W", "W.", "J.R."): it narrows a name down but is often left out. */
export const isInitial = (w: string) => /^(\p{Lu}\.?)+$/u.test(w) && w.replace(/\./g, '').length <= 2

/**
 * "George W. Bush" and "George Bush" share a key; case and diacritics do not count. Generational
 * suffixes do ("Douglas Fairbanks Jr" is not his father).
 */
export function nameKey(name: string): string {
  const words = name.split(/\s+/).filter(Boolean)
  const kept = words.length > 2 ? words.filter((w, i) => i === 0 || i === words.length - 1 || !isInitial(w)) : words
  return kept.join(' ').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, '')
}

/** The family name: the last word ("Blair"), lower-cased and folded like nameKey. */
export const surnameKey = (name: string) => nameKey(name).split(/[\s]+/).at(-1)!

/** The first word of a full name ("Tony"). */
export const givenNameKey = (name: string) => nameKey(name).split(/\s+/)[0]!

/** Heads of titles of works and organisations that take a person's name ("the Blair Witch Project"). */
const THING_HEADS = new Set(
  `project projects film films movie movies show shows award awards prize prizes trophy cup foundation trust fund institute
  centre center museum gallery school college university hospital stadium road avenue square airport
  station theatre theater club group company corporation corp inc ltd plc act doctrine effect era
  years administration government cabinet campaign babes style report inquiry review commission festival
  lines airlines airways interactive broadcasting funds systems networks motors media records entertainment pictures
  studios communications technologies labs capital holdings securities insurance energy telecom games software online
  bros brothers five memorial`.split(/\s+/),
)

/**
 * Sports clubs whose one-word name is also a given name, a surname or a town a tagger takes for a
 * person ("Chelsea beat Everton", "Sale were beaten at Bath"). A person is named by them alone
 * far less often than the club is.
 */
const CLUBS = new Set(
  `chelsea everton charlton fulham arsenal liverpool southampton portsmouth middlesbrough newcastle blackburn bolton
  wigan reading millwall celtic rangers hibernian hearts aberdeen motherwell kilmarnock livingston barcelona juventus
  inter milan lazio roma porto benfica ajax bayern leicester gloucester bath wasps saracens harlequins sale northampton
  leinster munster ulster llanelli swansea wrexham stoke burnley preston derby norwich ipswich sunderland wolves villa
  spurs tottenham chievo sampdoria valencia deportivo monaco marseille lyon auxerre feyenoord psv anderlecht galatasaray`.split(/\s+/),
)

/**
 * A capitalised run that names a thing after a person, not the person: a compound modifier
 * ("Bush-style", "Blair-era"), a title whose last word heads a work or body ("Blair Witch
 * Project", "Harry Potter Films"), or a sports club known by one word ("Chelsea").
 */
export function namesAThing(name: string): boolean {
  const words = name.split(/\s+/)
  const last = words.at(-1)!
  if (words.length === 1 && CLUBS.has(last.toLowerCase())) return true
  if (/-(style|era|like|type|led|backed|based|inspired|esque|ite|ites|ism|ist|ists)$/i.test(last)) return true
  return words.length >= 2 && THING_HEADS.has(last.toLowerCase())
}
