/**
 * The written forms of organisations that English news writing uses for one body, as declared
 * data: speakers/speaker-key.ts gives every form of a group the group's key. A key is the body's
 * full name as a slug ("conservative-party"), or for institutions the name that already keyed
 * them ("treasury"), so the address of a body does not change with what a corpus happens to say
 * most. Forms are compared as slugs (case, accents and punctuation dropped), after the general
 * rules (a leading article, a trailing possessive, a company suffix) took their part off.
 * Editors merge what is not here with `newsdesk organizations merge` (docs/identity.md).
 */

/**
 * A party, as news writes it: its name with "Party" ("the Conservative Party", "the Labour party"),
 * its members as a plural of its adjective ("the Conservatives", "Republicans", "the Lib Dems"),
 * and the nicknames and abbreviations beside them ("Tories", "GOP").
 */
interface PartyForms {
  key: string
  /** each gives "<adjective> Party" and the members' plural "<adjective>s" ("Tory" gives "Tories") */
  adjectives: string[]
  /** other names of the same party, written whole */
  also: string[]
}

/** The member plural of a party adjective: "Conservative" → "Conservatives", "Tory" → "Tories". */
const membersOf = (adjective: string) => (/[^aeiou]y$/i.test(adjective) ? `${adjective.slice(0, -1)}ies` : `${adjective}s`)

const PARTIES: PartyForms[] = [
  // UK. "Tory"/"Tories" is the Conservatives' nickname in every British paper; the official name
  // is the Conservative and Unionist Party. (Canada's Conservatives share the forms: news of one
  // country rarely names the other's party in the same corpus; an editor can merge otherwise.)
  {
    key: 'conservative-party',
    adjectives: ['Conservative', 'Tory'],
    also: ['Conservative and Unionist Party'],
  },
  // "Labour" alone is the usual name. Australia's party is "Labor" (the Australian Labor Party),
  // a different spelling and a different party: it keeps its own key (labor-party).
  { key: 'labour-party', adjectives: ['Labour'], also: ['Labour', 'UK Labour'] },
  // "Lib Dems" is the short form of the Liberal Democrats, members and party alike; "the Liberal
  // Democrat party" is the party by its adjective.
  {
    key: 'liberal-democrats',
    adjectives: ['Liberal Democrat', 'Lib Dem'],
    also: ['Liberal Democrats', 'Lib Dems', 'LibDems'],
  },
  { key: 'uk-independence-party', adjectives: ['UKIP'], also: ['UKIP', 'United Kingdom Independence Party'] },
  { key: 'scottish-national-party', adjectives: ['SNP'], also: ['SNP', 'Scottish Nationalists'] },
  // Plaid Cymru ("the Party of Wales") is "Plaid" at second mention.
  { key: 'plaid-cymru', adjectives: [], also: ['Plaid Cymru', 'Plaid', 'Party of Wales'] },
  // US. The Democratic Party's members are "Democrats" (its adjective in speech is "Democrat" too);
  // the Republican Party is the GOP, the Grand Old Party.
  { key: 'democratic-party', adjectives: ['Democratic', 'Democrat'], also: [] },
  { key: 'republican-party', adjectives: ['Republican'], also: ['GOP', 'Grand Old Party'] },
]

/** Institutions with several names in use at once. */
const INSTITUTIONS: { key: string; forms: string[] }[] = [
  // the UK finance ministry: "the Treasury" in copy, "HM Treasury" in its own releases
  { key: 'treasury', forms: ['Treasury', 'HM Treasury', "Her Majesty's Treasury", "His Majesty's Treasury", 'UK Treasury'] },
  { key: 'home-office', forms: ['Home Office', 'UK Home Office'] },
  // renamed the FCDO in 2020; news still says "the Foreign Office" for both
  {
    key: 'foreign-office',
    forms: [
      'Foreign Office',
      'UK Foreign Office',
      'FCO',
      'Foreign and Commonwealth Office',
      'FCDO',
      'Foreign, Commonwealth and Development Office',
      'Foreign, Commonwealth & Development Office',
    ],
  },
  // "Downing Street said" and "No 10 said" are one speaker: the Prime Minister's office, through
  // its spokespeople, whoever the prime minister is (as "the Kremlin" is one speaker). Debatable
  // only as a place ("protesters outside Downing Street"), and a place is not a speaker.
  {
    key: 'downing-street',
    forms: ['Downing Street', '10 Downing Street', 'No 10', 'No. 10', 'Number 10', 'Number Ten', 'No 10 Downing Street'],
  },
]

/**
 * Company suffixes that do not change which company is meant ("Microsoft Corp" is Microsoft,
 * "Tesco plc" is Tesco), dropped from the end of a name of more than one word.
 */
export const COMPANY_SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'plc', 'llc', 'gmbh', 'ag'])

/** Words an acronym may skip ("Confederation of British Industry" is CBI). */
export const ACRONYM_MINOR_WORDS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'to', 'de', 'du', 'des', 'la', 'le', '&'])

/** Every declared form, as the slug speakers/speaker-key.ts computes, and the key it has. */
export function declaredForms(slug: (name: string) => string): Map<string, string> {
  const forms = new Map<string, string>()
  const declare = (form: string, key: string) => {
    const known = forms.get(slug(form))
    // one form, two bodies: the data is wrong, not the article
    if (known !== undefined && known !== key) throw new Error(`organisation form "${form}" is declared for ${known} and ${key}`)
    forms.set(slug(form), key)
  }
  for (const p of PARTIES) {
    for (const adjective of p.adjectives) for (const f of [`${adjective} Party`, membersOf(adjective)]) declare(f, p.key)
    for (const f of p.also) declare(f, p.key)
    declare(p.key, p.key)
  }
  for (const i of INSTITUTIONS) for (const f of i.forms) declare(f, i.key)
  return forms
}
