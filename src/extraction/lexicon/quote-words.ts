/**
 * Word lists of the quote-attribution rules (`src/extraction/quotes/`): closed classes of news
 * English that open, close or bend an attribution. Case matters where a list is matched against the
 * word as written (capitalised openers, weekdays); the others are matched in lower case.
 */
const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/))

/** Auxiliaries and adverbs between a speaker and the verb ("has also said", "was reportedly"). */
export const AUX = words(`
  has have had also was were is are been isn’t isn't wasn’t wasn't not would will once again later then
  previously repeatedly publicly reportedly recently further earlier already often never always first
  subsequently privately
`)

/** Time words that end a speaker phrase and are no one's name (matched as written). */
export const TIME_WORDS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tonight earlier later`)

/** Personal pronouns that may be a speaker (matched as written). */
export const PRONOUN_SPEAKERS = words(`he she they we i it He She They We I It`)

/** Tokens that open and close a quotation. */
export const OPEN_MARKS = words(`“ " ‘ « ''`)
export const CLOSE_MARKS = words(`” " ’ » ''`)

/** Openers of an introductory phrase ("In one tweet Friday, Trump said: …"), which is not content (as written). */
export const INTRO_WORDS = words(`
  In On At During After Before Speaking Asked Back As Though Although While When Since Writing Interviewed
  Later Earlier Separately Meanwhile Elsewhere Appearing Addressing Responding
`)

/** Cue words that are nouns or other verbs as often as reporting verbs: they report only before "that", a colon or a quotation. */
export const AMBIGUOUS_CUES = words(`
  states reports claims notes comments remarks charges charged estimates estimated answers demands promises
  pledges proposes posts posted calls indicated indicates agreed agrees accused accuses
`)

/** Words that open an indirect question ("asked Sanders whether …"). */
export const WH_WORDS = words(`whether if what why how who when where which`)

/** Verbs whose object may be followed by an indirect question. */
export const QUESTION_VERBS = words(`asked asks asking told tells telling`)

/** Finite verbs and auxiliaries: a clause goes on when one follows. */
export const FINITE = words(`is are was were will would could should can may might must has have had does do did paid says said`)

/** Words that open an inverted speaker ("…, said one GOP source in the room"). */
export const QUANTIFIERS = words(`one two three several many some another other both all`)

/** Number words of a poll result's share ("four in 10", "Thirty-one percent"), matched in lower case; digits are numbers too. */
export const NUMBER_WORDS = words(`
  one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
  eighty ninety hundred half third quarter dozen
`)

/** Approximators before a number in a subject ("About four in 10 voters say", "more than half said"), lower case. */
export const APPROXIMATORS = words(`about nearly almost roughly around some just only over under barely fully`)

/** Words of a share taking "of" before its group ("60 percent of voters", "most of them", "majorities of Democrats"), lower case. */
export const SHARE_WORDS = words(`
  percent % majority majorities minority most half third quarter many some all none each both several few
  plurality share two-thirds three-quarters
  array number group handful lot couple dozen dozens hundreds thousands millions host range variety
  coalition panel team bunch crowd chorus
`)

/** Words that open a postmodifier of a subject ("People briefed on", "A person familiar with", "Friends of X who …"), lower case. */
export const POSTMODIFIER_OPENERS = words(`of in on at for from with to who close familiar near like among across inside within`)

/** Nouns after "according to" that name a plan or a norm, not a source ("according to plan"), lower case. */
export const NOT_SOURCE_NOUNS = words(`plan plans schedule tradition custom legend protocol script form expectations precedent`)

/**
 * Commissive reporting verbs: what was promised is an infinitive ("vowed to fight on", "has pledged
 * to cut taxes"), the words of the promise in reported form; lower case.
 */
export const COMMISSIVE_VERBS = words(`pledged pledges pledge pledging promised promises promise promising vowed vows vow vowing`)

/** Verbs whose object is asked to do something ("urges supporters to vote"). */
export const REQUEST_VERBS = words(`urged urges urging told tells telling asked asks asking warned warns warning`)

/** "-ing" forms of reporting verbs, cues after a form of "be": "Clinton is stressing that …". */
export const PROGRESSIVE_CUES = words(`
  saying telling warning stressing confirming promising arguing claiming insisting suggesting urging asking
  noting predicting vowing pledging announcing declaring denying acknowledging assuring reminding
  emphasizing emphasising
`)

/** Forms of "be" before a progressive cue or a passive ("was asked by"). */
export const BE_FORMS = words(`is are was were isn’t isn't wasn’t wasn't aren’t aren't been`)

/** Reporting verbs that news English inverts (", said Smith"). */
export const INVERTIBLE_VERBS = words(
  `said says added adds asked asks wrote writes explained explains continued noted notes recalled replied
  insisted insists warned argues argued admits admitted concedes conceded cautioned quipped joked observed
  remarked declared countered maintains predicted`,
)

/** Words after an inverted speaker that show the speaker phrase has ended (", said Smith in a statement"). */
export const INVERTED_SPEAKER_ENDS = words(`who in on at during after when told adding`)

/** Prepositions inside a speaker noun phrase ("director of the Institute", "a spokeswoman for Hillary Clinton"). */
export const NP_PREPOSITIONS = words(`of on for at in from`)

/** Words before a clause's first word that show a clause starts there. */
export const CLAUSE_OPENERS = words(`
  that and but or so after before when while because as since although though if once until where whereas
`)

/** Openers of a phrase between a reporting verb and "that" ("said on Wednesday that", "said in a statement that"). */
export const THAT_PHRASE_OPENERS = words(`on in at during after last this earlier later that to from before while`)

/** First words that cannot open a bare complement clause ("said on Monday.", "said nothing"). */
export const NOT_COMPLEMENT_STARTS = words(`
  in on at after before during for with by as of about nothing yes no to from into over under through
  across around against is are was were has have had will would can could should may might must do does
  did and or but goodbye hello farewell
`)

/** First words that cannot open the content after "… and said": prepositions and the infinitive marker. */
export const NOT_COORDINATED_STARTS = words(`to in on at for of with`)

/** Participles after ", X said," that add circumstances or a source, not more of the quote. */
export const NOT_CONTINUATIONS = words(`adding referring referencing citing according`)

/** Prepositions before "saying" whose sentence subject is the speaker ("began by saying", "for saying that"). */
export const SUBJECT_SAYING_PREPOSITIONS = words(`by for from`)

/** Participles that attach more speech to a clause's speaker (", arguing that …"). */
export const PARTICIPLE_CUES = words(`
  saying adding noting arguing insisting explaining claiming warning stressing suggesting declaring
  asserting acknowledging conceding telling writing tweeting recalling emphasizing emphasising promising
  vowing predicting pledging urging asking complaining boasting joking announcing stating reiterating
  contending maintaining
`)

/** Inverted verbs that may open a sentence ("Said Ellis: …"), as written. */
export const OPENING_INVERSION_VERBS = words(`Said Says Added Asked Wrote`)

/** Openers of an adverbial before the sentence subject ("In one tweet Friday, "), as written. */
export const SUBJECT_INTRO_WORDS = words(`In On At After Before During Earlier Later Last This Speaking Asked`)

/** Labels that open a paragraph with a colon but are no one's words ("Correction: …"), as written. */
export const NOT_SPEAKER_LABELS = words(`
  Correction Corrections Update Updated Note Editor Related Photo Photos Source Sources Read Watch Listen
  Video Disclosure Clarification Background Credit Caption Advertisement Subscribe Contact Email Tags
  Topics Follow See Also Previously Warning Spoiler Transcript Results Scores Standings Table Attendance
  Breaking Exclusive Live Opinion Analysis Contributing Contributors Revealed Paid
`)

/** Lower-case particles inside a name ("Ursula von der Leyen"). */
export const PARTICLES_IN_NAMES = words(`de van von al bin da`)

/** Nouns that report speech through a possessor ("Trump’s claim that …"). */
export const CLAIM_NOUNS = words(`
  claim claims assertion statement argument warning promise pledge suggestion insistence contention
  allegation accusation admission remark remarks comment comments vow prediction denial
`)

/** Object pronouns: the audience of "told"/"assured" ("told them the state would pay"). */
export const OBJECT_PRONOUNS = words(`me him her us them you`)

/** Plural nouns naming the audience of a statement ("told reporters the vote would be delayed"). */
export const AUDIENCE_NOUNS = words(`
  reporters journalists supporters voters lawmakers legislators senators delegates investors analysts
  students workers members residents listeners viewers readers followers donors colleagues officials
  parliament congress
`)

/** Common irregular past forms: with FINITE and "-ed" they mark a clause's verb ("his support made him …"). */
export const IRREGULAR_PAST = words(`
  made took gave got went came knew thought felt saw left kept put ran won lost began became brought
  bought built caught chose did drew drove fell found fought flew forgot grew heard held hid hit hurt
  led lay meant met paid rose sent set shot showed sold spent stood stole struck swore taught told tore
  understood woke wore wrote
`)

/** Words that open a subordinate or relative clause: a verb after them is not the main clause's. */
export const SUBORDINATORS = words(`before after when while because since if unless until that which who whom whose where as`)

/** Participles that follow their head in a survey's subject ("those surveyed said"). */
export const SURVEY_PARTICIPLES = words(`surveyed polled questioned interviewed sampled asked`)

/**
 * Reporting verbs that as often take a plain object ("maintains a lead", "claimed a victory",
 * "continued their search", "reported a profit", "added 30 cents"): without "that", a colon or a
 * quotation their complement must show a clause's verb.
 */
export const OBJECT_TAKING_CUES = words(`
  maintain maintains maintained boast boasts boasted claim claims claimed continue continues continued
  report reports reported add adds added reiterate reiterates reiterated propose proposes proposed
  confirm confirms confirmed state states stated recall recalls recalled acknowledge acknowledges
  acknowledged write writes wrote post posts posted admit admits admitted observe observes observed
  explain explains explained declare declares declared cite cites cited offer offers offered
`)

/** Words that open a noun phrase object far more often than a clause's subject ("claimed a victory", "continued their search"). */
export const OBJECT_OPENERS = words(`a an some its their his her our no any several another`)

/** Documents and posts that carry their sender's words ("issued a statement saying …"). */
export const MESSAGE_NOUNS = words(`
  statement letter tweet post message email e-mail note memo video ad advert advertisement release
  editorial op-ed report filing complaint petition text
`)

/** Conjunctions that may precede a sentence-opening "according to" ("But according to aides, …"). */
export const SENTENCE_CONJUNCTIONS = words(`but and yet so`)

/** Words before "asked" that make it a reduced clause ("when asked whether", "after being asked"). */
export const ASKED_INTRODUCERS = words(`when after being once if`)

/** Words after a comma that open a relative clause inside the question, not the answer. */
export const RELATIVE_OPENERS = words(`which who whom whose where`)

/** Bullets that open a list item. */
export const BULLETS = words(`- • * – —`)

/** Words joining a second verb phrase of the same subject. */
export const COORDINATORS = words(`and but then`)

/** Relative and wh-words that open a clause whose subject gap is filled by what was said. */
export const GAP_OPENERS = words(`which that what who`)

/** Reporting verbs that take a clause with a gapped subject ("which he says would …"). */
export const GAP_VERBS = words(`say says said claim claims claimed argue argues argued insist insists insisted`)

/** Words that only link a sentence to the one before ("But, says X, …"): no content of their own. */
export const CONNECTIVES = words(`but and yet so still however ultimately indeed now then`)

/** Words that open a circumstance phrase before the subject ("For his part", "With 214 delegates at stake"). */
export const CIRCUMSTANCE_OPENERS = words(
  `for with on in at after before besides regarding despite given to from by during then but and so`,
)
