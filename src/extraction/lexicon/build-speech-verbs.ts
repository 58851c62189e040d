/** Cue words that name a belief, perception, wish, stance or evidence rather than speech ("believes", "shows"). */
export const NOT_SPEECH = new Set(
  `
  think thinks thought believe believes believed feel feels felt know knows knew known see sees saw seen
  seem seems seemed appear appears appeared look looks looked want wants wanted wish hope hopes hoped hoping
  expect expects expected fear fears feared worry worried plan plans planned intend intends consider
  considered view viewed show shows showed shown showing find finds found suggest indicate indicates
  support supports supported supporting oppose opposes opposed endorse endorses endorsed endorsing backed
  backing favor favors favored praise praised praises criticize criticized criticizes criticised attack
  attacked attacks blame blamed blames accuse accused accuses describe described describes call called calls
  calling named name defended defend defends voted vote votes decided decide chose choose sought seek seeks
  seeking tried try tries refused refuse declined decline agreed agree agrees rejected reject dismissed
  dismiss cited cite citing made make makes took take put gave give sent used went began focused focus
  pushed passed signed cast talk talked talking discuss discussed mention mentioned spoke speak speaks
  released issued offered expressed questioned question questions attention address addressed learned
  read reads heard hear hears worried concerned aware understood understands recognized recognizes
  hoped believing convinced learned intended fears suspected noticed realized signaled touted touting
  filed signed ordered helped played failed ended blocked joined passing struggled surprised needs
  defending condemned slammed slamming derided invoked referenced referencing cites implied implying
  apologized recommended chanting listing touched embracing acquiesced authorized pressing discussing
  detailing detailed releasing laying fundraising leading following obvious complaints reporters
  republicans sanders morning times years during press this
`
    .trim()
    .split(/\s+/),
)

const IRREGULAR = new Set(['said', 'say', 'says', 'told', 'tell', 'tells', 'wrote', 'write', 'writes', 'spoke'])

/**
 * Reporting verbs learned from attribution cues: a cue word that looks like a verb (inflected, or an
 * irregular reporting verb), seen at least `minCount` times, most of whose attributions report a
 * clause (content opening with "that", a quotation mark or a subject) — the mark of a verb of
 * saying — minus the curated NOT_SPEECH list (beliefs, perceptions, stances, evidence).
 */
export function learnSpeechVerbs(
  attributions: { cue: string | null; content: string }[],
  opts = { minCount: 4, minClauseShare: 0.6 },
): string[] {
  const CLAUSE = /^(?:that\b|[“"‘']|(?:he|she|they|it|we|i|you|there|this|his|her|their|the|a|an|its)\b)/i
  const seen = new Map<string, { total: number; clauses: number }>()
  for (const a of attributions) {
    const clause = CLAUSE.test(a.content.trim()) && a.content.trim().split(/\s+/).length >= 4
    const words = new Set(
      (a.cue ?? '')
        .toLowerCase()
        .replace(/[^a-z\s-]/g, ' ')
        .split(/\s+/)
        .filter((w) => w.length > 3),
    )
    for (const w of words) {
      const s = seen.get(w) ?? { total: 0, clauses: 0 }
      s.total++
      if (clause) s.clauses++
      seen.set(w, s)
    }
  }
  return [...seen]
    .filter(([, s]) => s.total >= opts.minCount && s.clauses / s.total >= opts.minClauseShare)
    .filter(([w]) => (IRREGULAR.has(w) || /(ed|es|s|ing)$/.test(w)) && !NOT_SPEECH.has(w))
    .map(([w]) => w)
    .sort()
}
