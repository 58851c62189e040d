import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../paths.js'
import type { Pronoun } from '../types.js'

/**
 * Words by which English news text shows the pronoun it uses for a person (stages/refer-gender.ts).
 * Each list maps a word to the pronoun it implies; words used for anyone are left out.
 */
const byPronoun = (lists: Record<Pronoun, string>): ReadonlyMap<string, Pronoun> =>
  new Map(
    (Object.entries(lists) as [Pronoun, string][]).flatMap(([pronoun, text]) =>
      text
        .trim()
        .split(/\s+/)
        .map((w) => [w, pronoun] as const),
    ),
  )

/**
 * Honorifics and titles of nobility written directly before a name ("Ms Smith", "Sir Keir
 * Starmer", "Queen Elizabeth"). Capitalised, as written; a trailing period is ignored.
 */
export const GENDERED_HONORIFICS = byPronoun({
  he: `Mr Sir Lord King Prince Duke Earl Baron Viscount Marquess Emperor Sultan Sheikh Monsieur Herr Senor Señor Signor`,
  she: `Mrs Ms Miss Madam Madame Mme Mlle Lady Dame Baroness Queen Princess Duchess Countess Viscountess Marchioness Empress Sheikha Frau Senora Señora Signora`,
  they: `Mx`,
})

/**
 * Role nouns that say how the text refers to a person when they are the person's own title or
 * apposition ("actress Jane Doe", "John Roe, her husband,"). Only the -woman forms of the compound
 * roles: "chairman", "spokesman", "congressman" are written for women too (British news says
 * "chairman" of a woman), so they count for nothing.
 */
export const GENDERED_ROLES = byPronoun({
  he: `man boy gentleman father dad stepfather grandfather grandson son stepson brother half-brother
    husband widower boyfriend fiance uncle nephew king prince duke emperor monk
    godfather father-in-law son-in-law brother-in-law`,
  she: `woman girl lady mother mum mom stepmother grandmother granddaughter daughter stepdaughter sister
    half-sister wife widow girlfriend fiancee aunt niece queen princess duchess empress nun actress
    waitress hostess heiress stewardess priestess headmistress spokeswoman chairwoman
    businesswoman congresswoman councilwoman countrywoman sportswoman horsewoman policewoman
    servicewoman craftswoman anchorwoman frontwoman forewoman alderwoman assemblywoman
    godmother mother-in-law daughter-in-law sister-in-law ballerina`,
  they: ``,
})

/** Third-person singular pronouns and their forms; "they" forms count only with explicit evidence. */
export const PRONOUN_FORMS = byPronoun({
  he: `he him his himself`,
  she: `she her hers herself`,
  they: `themself`,
})

/** Reflexives: they refer to the subject of their own clause. */
export const REFLEXIVES = byPronoun({ he: `himself`, she: `herself`, they: `themself` })

/** Words that may stand between a subject and its speech verb ("X has also said his ..."). */
export const SUBJECT_VERB_FILLERS = new Set(`has had have also later then again previously once earlier had since`.split(' '))

/** Speech verbs whose next word is often a person object ("accused her of"): a following "her" is not the subject's. */
export const PERSON_OBJECT_VERBS = new Set(
  `accused accuses charged charges advised advises praised praises criticised criticized criticises criticizes thanked thanks blamed blames answered answers called calls reminded reminds`.split(
    ' ',
  ),
)

/** First words of an apposition that describes the person before it ("X, the …", "X, her …", "X, Y's …"). */
export const APPOSITION_OPENERS = new Set(`the a an his her their its our my former then now also`.split(' '))

/** Words that end an apposition before its role noun: the noun then belongs to someone else ("X, whose mother ..."). */
export const APPOSITION_BREAKERS = new Set(
  `who whose whom which that when where said says told and or but with without while after before as than to from by`.split(' '),
)

/**
 * Given names listed for one sex only in public English first-name lists (Moby Word II), minus
 * names used for both (ambiguous-given-names.txt); built by scripts/build-given-name-pronouns.ts.
 * A weak prior: it decides only when the text gives no other evidence.
 */
export const GIVEN_NAME_PRONOUNS: ReadonlyMap<string, Pronoun> = new Map(
  readFileSync(join(projectRoot, 'src/extraction/lexicon/given-name-pronouns.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, Pronoun]),
)
