/**
 * The credits a dateline carries in parentheses ("MOSCOW (AP) —", "BERLIN (dpa) -"): news
 * agencies, world and national, and the news services and broadcasters that credit themselves the
 * same way. A closed list, because what else stands in parentheses after capitals is an
 * organisation's or party's abbreviation ("General Motors (GM)", "UK Independence Party (UKIP)").
 * Compared without regard to case.
 */
const AGENCIES = `
  AP | Associated Press | Reuters | Reuters Health | Thomson Reuters Foundation | AFP | Agence France-Presse
  UPI | Bloomberg | Dow Jones | MarketWatch | PA | PA Media | Press Association | CP | The Canadian Press
  AAP | NZPA | dpa | EFE | Europa Press | ANSA | AGI | Adnkronos | APA | ATS | SDA | Keystone-ATS | Belga
  ANP | TT | NTB | Ritzau | STT | PAP | CTK | TASR | MTI | HINA | Tanjug | BTA | Agerpres | Lusa | LETA
  ELTA | BNS | Ukrinform | UNIAN | Interfax | TASS | ITAR-TASS | RIA Novosti | RIA | Sputnik | Belta
  Xinhua | CNS | Kyodo | Jiji | Yonhap | KCNA | CNA | Bernama | Antara | PNA | VNA | IANS | PTI | ANI | UNI
  APP | IRNA | ISNA | Fars | Tasnim | Mehr | Anadolu | AA | KUNA | WAM | SPA | QNA | MENA | SANA | Petra
  NNA | WAFA | APS | MAP | TAP | NAN | Notimex | Prensa Latina | Telam | Agencia Brasil
  CNN | CNN Business | BBC | CBC | CTV News | ABC News | CBS News | NBC News | CNBC | Fox News | NewsNation
  Gray News | The Center Square | KFF Health News | HealthDay News | JTA | RNS | UPI Health
`
export const NEWS_AGENCIES: ReadonlySet<string> = new Set(
  AGENCIES.split(/\s*[|\n]\s*/)
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean),
)
