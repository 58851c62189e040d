import { describe, expect, it } from 'vitest'
import { splitDateline } from '../../src/ingest/parse.js'
import { splitSentences } from '../../src/extraction/stages/split-sentences.js'

describe('the dateline a story opens with (findDateline)', () => {
  it.each([
    ['MOSCOW (AP) Chinese President Xi Jinping', 'MOSCOW', 'AP'],
    ['NEW YORK (AP) — Stocks rose.', 'NEW YORK', 'AP'],
    ['WASHINGTON, Dec. 3 (Reuters) - The Senate voted.', 'WASHINGTON, Dec. 3', 'Reuters'],
    ['PURCHASE, N.Y., April 1 (UPI) — Pepsi said.', 'PURCHASE, N.Y., April 1', 'UPI'],
    ['PARIS (AFP) - France said.', 'PARIS', 'AFP'],
    ['BERLIN (dpa) - The chancellor said.', 'BERLIN', 'dpa'],
    ['LONDON (Thomson Reuters Foundation) - Charities said.', 'LONDON', 'Thomson Reuters Foundation'],
    ['MOSCOW (ITAR-TASS) - The Kremlin said.', 'MOSCOW', 'ITAR-TASS'],
    ['LOS ANGELES (KTLA) — Police said.', 'LOS ANGELES', 'KTLA'],
    ['CLEVELAND (WJW-TV) — Police said.', 'CLEVELAND', 'WJW-TV'],
  ])('%j is filed from its place by a news agency', (text, place, agency) => {
    expect(splitDateline(text)).toEqual({ dateline: place, agency })
  })

  it.each([
    ['LONDON -- Shares fell.', 'LONDON'],
    ['NEW YORK, May 2 — Shares fell.', 'NEW YORK, May 2'],
  ])('%j is a dateline without an agency', (text, place) => {
    expect(splitDateline(text)).toEqual({ dateline: place, agency: null })
  })

  it.each([
    'US car firms General Motors (GM) have cut their forecasts.',
    'A prospective candidate for the UK Independence Party (UKIP) has been suspended.',
    'A spokesman for the British Phonographic Industry (BPI) said sales fell.',
    'A spokesman for the International Atomic Energy Agency (IAEA) said.',
    'LONDON (UKIP) - The party said.',
    'DETROIT (GM) — The carmaker said.',
    'LONG GILT (SEP) 101.5',
    'GENEVA (WHO) said cases fell.',
  ])('%j opens with an abbreviation, not a news agency: no dateline', (text) => {
    expect(splitDateline(text)).toEqual({ dateline: null, agency: null })
  })

  it('leaves such an opening in the first sentence', () => {
    const body = 'US car firms General Motors (GM) have cut their forecasts. Shares fell.'
    expect(splitSentences(body)[0]!.text).toBe('US car firms General Motors (GM) have cut their forecasts.')
  })
})
