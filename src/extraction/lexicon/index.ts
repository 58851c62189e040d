import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../paths.js'

/**
 * Word lists of English news writing used by the extraction rules. Each list is a closed class or
 * a curated vocabulary, not a list of answers: titles that precede names, speech verbs, words that
 * mark organisations and places.
 */
const words = (s: string) => new Set(s.trim().split(/\s+/))

export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  readFileSync(join(projectRoot, 'src/extraction/lexicon/given-names.txt'), 'utf8').split('\n').filter(Boolean),
)

/** Words news text writes in lower case (scripts/build-common-words.ts): "election", "worker", "say". */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  readFileSync(join(projectRoot, 'src/extraction/lexicon/common-words.txt'), 'utf8').split('\n').filter(Boolean),
)

/** Nouns that head a role or title written before a name ("foreign affairs adviser Yuri Ushakov"). */
export const ROLE_NOUNS = words(`
  president vice-president premier chancellor minister secretary adviser advisor spokesman spokeswoman
  spokesperson leader chairman chairwoman chair director ambassador envoy governor senator congressman
  congresswoman representative mayor king queen prince princess emperor pope cardinal bishop archbishop
  general admiral colonel commander chief officer official coach manager captain striker midfielder
  defender goalkeeper judge justice attorney prosecutor lawyer economist analyst professor dr doctor
  mr mrs ms miss sir lord lady dame sheikh ayatollah rabbi reverend father sister brother
  candidate nominee founder executive ceo cfo chief-executive head deputy undersecretary counsellor
  counselor diplomat negotiator correspondent reporter editor columnist author writer actor actress
  singer star player champion teammate presenter host dissident activist campaigner critic economist
  strategist pollster aide lawmaker legislator treasurer commissioner inspector detective sergeant
  lieutenant superintendent constable magistrate premier-elect president-elect monarch dictator
  businessman businesswoman tycoon billionaire entrepreneur investor banker trader owner partner
  boss skipper chairperson mp mep msp mla peer councillor backbencher frontbencher whip
`)

/** Capitalised title words that may stand before a name ("President", "Deputy", "Foreign"). */
export const TITLE_WORDS = words(`
  Mr Mrs Ms Dr Prof Sgt Capt Lt Col Gen Rev Sen Gov Insp Supt Det
  President Vice Prime Premier Chancellor Minister Secretary Deputy Assistant Under Foreign Defence
  Defense Interior Finance Trade Justice Health Education Energy Home State General Attorney Senator
  Sen. Rep. Representative Governor Gov. Mayor King Queen Prince Princess Emperor Pope Cardinal Bishop
  Archbishop Gen. Adm. Admiral Col. Colonel Lt. Lieutenant Capt. Captain Commander Chief Justice Judge
  Mr. Mrs. Ms. Miss Dr. Prof. Professor Sir Lord Lady Dame Sheikh Ayatollah Rabbi Rev. Reverend
  Treasurer Shadow
  Father Ambassador Envoy Chairman Chairwoman Director Spokesman Spokeswoman Speaker Leader Opposition
  Supreme Crown First Lady Congressman Congresswoman Commissioner Sgt. Sergeant Officer Inspector
  Detective Superintendent Chief Executive Coach Manager Economy Culture Agriculture Labour Labor
  Transport Environment Commerce Treasury Homeland Security National Affairs Cabinet Senior
  European Eurasian Pacific Asian African Middle Eastern Western Affairs Public Affairs Information
  Communications Industry Development Planning Housing Veterans Intelligence Central Bank Reserve
`)

/** Title words that make the phrase before a name a person's title (not just "Middle", "National"). */
export const TITLE_HEADS = words(`
  Mr Mrs Ms Dr Prof Sgt Capt Lt Col Gen Rev Sen Gov Insp Supt Det
  President Vice Prime Premier Chancellor Minister Secretary Deputy Assistant Undersecretary Senator Sen.
  Rep. Representative Governor Gov. Mayor King Queen Prince Princess Emperor Pope Cardinal Bishop
  Archbishop General Gen. Adm. Admiral Col. Colonel Lt. Lieutenant Capt. Captain Commander Justice Judge
  Mr. Mrs. Ms. Miss Dr. Prof. Professor Sir Lord Lady Dame Sheikh Ayatollah Rabbi Rev. Reverend Father
  Ambassador Envoy Chairman Chairwoman Director Spokesman Spokeswoman Speaker Leader Congressman
  Congresswoman Commissioner Sgt. Sergeant Officer Inspector Detective Superintendent Coach Manager
  Attorney Chief Executive
`)

/** Countries, regions and cardinal words that are never a person's name ("N. Korea", "Middle East"). */
export const PLACE_WORDS = words(`
  Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
  Belarus Belgium Bolivia Bosnia Brazil Britain Bulgaria Burma Burundi Cambodia Cameroon Canada
  Chechnya Chile China Colombia Congo Croatia Cuba Cyprus Czech Denmark Ecuador Egypt England Eritrea
  Estonia Ethiopia Europe Finland France Gaza Germany Ghana Greece Guatemala Haiti Honduras
  Hungary Iceland India Indonesia Iran Iraq Ireland Italy Japan Kazakhstan Kenya Korea
  Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Liberia Libya Lithuania Luxembourg Macedonia Malaysia
  Mali Mexico Moldova Mongolia Montenegro Morocco Mozambique Namibia Nepal Netherlands Nicaragua Niger
  Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania
  Russia Rwanda Scotland Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden
  Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tibet Tunisia Turkey Turkmenistan Uganda
  Ukraine Uruguay Uzbekistan Venezuela Vietnam Wales Yemen Yugoslavia Zaire Zambia Zimbabwe Africa
  Asia America Americas Antarctica Arctic Balkans Caribbean Caucasus Kremlin Crimea Xinjiang
  East Middle Far Gulf Pacific Atlantic
`)

/** Words that mark a capitalised phrase as an organisation, place or event rather than a person. */
export const NON_PERSON_HEADS = words(`
  Ministry Department Office Council Committee Commission Party Union Association Agency Bank Fund
  Corporation Corp Corp. Inc Inc. Ltd Ltd. Company Co Co. Group Holdings Airlines Airways Motors
  University College School Institute Academy Foundation Society Organisation Organization Federation
  League Club United City Street Avenue Road Square House Palace Hall Court Parliament Congress Senate
  Assembly Army Navy Force Forces Police Guard Service Services Times Post News Journal Herald Telegraph
  Press Television TV Radio Network Channel Olympics Games Cup Championship Championships Open Tour
  War Revolution Summit Conference Treaty Accord Agreement Act Bill Day Week Festival Award Awards
  Prize River Sea Ocean Lake Mountains Mountain Island Islands Valley Gulf Bay Coast Province State
  States Republic Kingdom Empire Region Airport Station Stadium Hospital Church Mosque Temple Centre
  Center Museum Gallery Theatre Theater Exchange Market Index Securities Capital Partners Records
  Studios Pictures Entertainment Media Telecom Energy Oil Gas Petroleum Steel Airlines Railway
  Railways Systems Technologies Software Stock Muslims Christians Jews Nations Tribunal Commonwealth
  Reuters AP AFP Xinhua Interfax Tass CCTV BBC CNN Kremlin Pentagon NATO EU UN Brexit Internet
  Tory Tories Labour Lib Dem Dems Democrats Republicans Conservatives Liberals Whitehall Downing
  Oscar Oscars Grammy Grammys Emmy Emmys Bafta Baftas
  Motor Tobacco Benz Lecture Pharmaceuticals Pharma Brands Foods Stores Insurance Electric Electronics
  Chemical Chemicals Mining Automotive Communications Investments Trust Bancorp Financial Industries
  Enterprises Labs Laboratories Cars Auto Motorsport Racing
  Authority Authorities Board Bureau Regulator Watchdog Inquiry Panel Directorate Secretariat
`)

/** Nationality and place adjectives that open titles ("Russian President") and descriptions. */
export const DEMONYMS = words(`
  American British English Scottish Welsh Irish French German Italian Spanish Portuguese Dutch Belgian
  Swiss Austrian Swedish Norwegian Danish Finnish Icelandic Polish Czech Slovak Hungarian Romanian
  Bulgarian Greek Turkish Russian Ukrainian Belarusian Georgian Armenian Azerbaijani Kazakh Uzbek
  Chinese Japanese Korean North South Taiwanese Vietnamese Thai Indonesian Malaysian Filipino Singaporean
  Indian Pakistani Afghan Bangladeshi Sri Lankan Nepalese Iranian Iraqi Syrian Lebanese Israeli
  Palestinian Jordanian Saudi Emirati Qatari Kuwaiti Yemeni Egyptian Libyan Tunisian Algerian Moroccan
  Sudanese Ethiopian Kenyan Nigerian Ghanaian South African Zimbabwean Canadian Mexican Brazilian
  Argentine Argentinian Chilean Colombian Venezuelan Peruvian Cuban Australian Zealand Serbian Croatian
  Bosnian Albanian Kosovar Slovenian Macedonian Lithuanian Latvian Estonian Moldovan European Western
  Eastern Soviet Arab Kurdish Catalan Basque Democratic Republican Conservative Liberal Labour Tory
  Socialist Communist Federal Former Acting Interim
`)

const learnedSpeechVerbs = readFileSync(join(projectRoot, 'src/extraction/lexicon/speech-verbs.txt'), 'utf8').split('\n').filter(Boolean)

/**
 * Verbs that introduce speech or its report: a curated core of reporting verbs, joined by those
 * learned from PolNeAR training cues (speech-verbs.txt, `npm run build:lexicons`). Base forms report
 * with a plural subject ("critics argue that", "officials insist"), as "say" does.
 */
export const SPEECH_VERBS = new Set([
  ...learnedSpeechVerbs,
  ...words(`
  said says say told tells added adds noted notes stated states declared declares explained explains
  insisted insists argued argues claimed claims warned warns stressed stresses emphasised emphasized
  emphasises emphasizes announced announces reported reports wrote writes asserted asserts acknowledged
  acknowledges admitted admits confirmed confirms denied denies replied replies responded responds
  recalled recalls suggested suggests predicted predicts maintained maintains contended contends
  complained complains observed observes remarked remarks revealed reveals disclosed discloses
  conceded concedes cautioned cautions urged urges demanded demands promised promises pledged pledges
  vowed vows alleged alleges estimated estimates concluded concludes commented comments agreed agrees
  pointed tweeted tweets posted posts indicated indicates testified testifies assured assures
  reiterated reiterates repeated repeats underlined underlines countered counters objected objects
  boasted boasts joked jokes quipped quips shouted shouts whispered whispers announced answered
  answers charged charges accused accuses proposed proposes asked asks
  argue insist claim warn explain note contend maintain acknowledge admit concede predict stress deny
  confirm suggest allege complain recall reveal advise advised advises confess confessed confesses
  mused muses opined opines retorted retorts exclaimed lamented laments bemoaned
  snapped
`),
])

/** Speech verbs that take a person object before the content ("told reporters that ..."). */
export const OBJECT_SPEECH_VERBS = words(
  `told tells telling assured assures assuring warned warns warning informed informs reminded reminds reminding urged urges urging asked asks asking promised promises promising`,
)

/** Speech verbs whose content is a noun phrase rather than a clause ("denied having plans", "demanded assurances"). */
export const NP_CONTENT_VERBS = words(
  `denied denies demanded demands announced announces confirmed confirms promised promises pledged pledges proposed proposes`,
)

export const PRONOUNS_PERSON = words(`he she He She`)
export const PRONOUNS_GROUP = words(`they They we We`)

export const DETERMINERS = words(
  `the The a A an An this This that That these These those Those its Its their Their his His her Her our Our`,
)

/** Words that cannot be part of a speaker noun phrase; they end it. */
export const PHRASE_BREAKERS = words(`
  that which who whom whose when where while because although though if unless since after before
  during in on at by for from with without into onto over under about against between through to of
  as than but or nor so yet and is are was were be been being has have had do does did will would
  shall should can could may might must not also then there here it It
`)

/** Words that can follow a trailing attribution ("..., X said Wednesday after ..."). */
export const TRAILING_TAIL_STARTERS = words(`
  on in at after before during while when as of to about Monday Tuesday Wednesday Thursday Friday
  Saturday Sunday today yesterday tonight last this earlier later recently on Sunday in
  through via told reporters adding afterwards afterward again previously separately privately publicly
  repeatedly simply bluntly candidly flatly firmly angrily quietly
`)

/** Head nouns of group speakers ("Russian officials", "Other countries"). */
export const GROUP_NOUNS = words(`
  officials countries sources analysts experts critics residents witnesses authorities diplomats
  leaders people police investigators scientists researchers economists observers protesters activists
  lawmakers members officers doctors executives workers campaigners supporters opponents voters
  governments states nations ministers spokesmen aides
`)

/** Head nouns of organisation speakers written in lower case ("the company", "the ministry"). */
export const ORGANIZATION_NOUNS = words(`
  company firm government ministry department agency committee commission council party union bank
  court police army military administration embassy office group organisation organization board
  team club league federation campaign network broadcaster newspaper paper statement report study
  survey poll authority council service institute office regulator watchdog prosecutor's
`)

/** Head nouns that make a description refer to a person ("the Russian leader", "the president"). */
export const DESCRIPTION_NOUNS = words(`
  leader president premier chancellor minister secretary adviser spokesman spokeswoman chairman
  governor senator mayor king queen prince ambassador envoy general official diplomat coach manager
  executive chief director founder candidate nominee lawmaker
`)

/** Head-of-state/government titles; "the X leader" refers to one of them. */
export const LEADER_TITLES = words(`president premier chancellor king queen emperor leader prime ruler monarch`)

export const MONTHS = words(
  `January February March April May June July August September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.`,
)
export const WEEKDAYS = words(`Monday Tuesday Wednesday Thursday Friday Saturday Sunday`)

/** Abbreviations after which a period does not end a sentence. */
export const ABBREVIATIONS = words(`
  Mr Mrs Ms Dr Prof Gen Sen Rep Gov Lt Col Sgt Capt Cmdr Adm Maj Rev St Jr Sr Inc Corp Co Ltd Bros
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No vs etc Mt Ft Gov Pres Supt Insp Det approx
  U.S U.K U.N E.U a.m p.m i.e e.g
`)
