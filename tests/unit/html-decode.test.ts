import { describe, expect, it } from 'vitest'
import { charsetOf, decodeHtml } from '../../src/web/html/decode.js'
import { extractArticle } from '../../src/web/html/extract.js'

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]))
// “smart quotes” and an en dash in Windows-1252: 0x93 0x94 0x96, é is 0xE9
const cp1252Story = concat(
  ascii('<p>'),
  Uint8Array.of(0x93),
  ascii('Caf'),
  Uint8Array.of(0xe9),
  ascii(' prices rose'),
  Uint8Array.of(0x94),
  ascii(' '),
  Uint8Array.of(0x96),
  ascii(' again.</p>'),
)
const page = (head: string, body: Uint8Array) =>
  concat(ascii(`<!doctype html><html><head>${head}<title>t</title></head><body>`), body, ascii('</body></html>'))

describe('decodeHtml', () => {
  it('reads Windows-1252 bytes when nothing is declared', () => {
    const { text, encoding } = decodeHtml(page('', cp1252Story))
    expect(encoding).toBe('windows-1252')
    expect(text).toContain('“Café prices rose” – again.')
  })

  it('reads Windows-1252 bytes that wrongly declare UTF-8 (in a meta tag or the HTTP header)', () => {
    expect(decodeHtml(page('<meta charset="utf-8">', cp1252Story)).text).toContain('“Café prices rose” – again.')
    expect(decodeHtml(page('', cp1252Story), 'text/html; charset=UTF-8').text).toContain('“Café prices rose” – again.')
  })

  it('reads valid UTF-8 that a legacy charset label contradicts as UTF-8', () => {
    const bytes = page(
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
      new TextEncoder().encode('<p>“Café” – ok.</p>'),
    )
    expect(decodeHtml(bytes)).toMatchObject({ encoding: 'utf-8' })
    expect(decodeHtml(bytes).text).toContain('“Café” – ok.')
  })

  it('follows a meta charset', () => {
    // ISO-8859-2: 0xB3 0xF3 0x64 0xBC is "łódź" (in Windows-1252 it would read "³ód¼")
    const bytes = page('<meta charset="iso-8859-2">', concat(ascii('<p>'), Uint8Array.of(0xb3, 0xf3, 0x64, 0xbc), ascii('</p>')))
    const { text, encoding } = decodeHtml(bytes)
    expect(encoding).toBe('iso-8859-2')
    expect(text).toContain('<p>łódź</p>')
  })

  it('follows the HTTP charset before a meta tag', () => {
    const bytes = page('<meta charset="windows-1252">', concat(ascii('<p>'), Uint8Array.of(0xb3), ascii('</p>')))
    expect(decodeHtml(bytes, 'text/html; charset="ISO-8859-2"')).toMatchObject({ encoding: 'iso-8859-2' })
  })

  it('lets a UTF-8 BOM win over any declaration and strips it', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), page('<meta charset="windows-1252">', new TextEncoder().encode('<p>“naïve”</p>')))
    const { text, encoding } = decodeHtml(bytes, 'text/html; charset=windows-1252')
    expect(encoding).toBe('utf-8')
    expect(text.startsWith('<!doctype')).toBe(true)
    expect(text).toContain('“naïve”')
  })

  it('reads undeclared valid UTF-8 as UTF-8', () => {
    expect(decodeHtml(page('', new TextEncoder().encode('<p>日本語</p>')))).toMatchObject({ encoding: 'utf-8' })
  })

  it('gives smart quotes end to end from an undeclared Windows-1252 article', () => {
    const story = concat(
      ascii('<article>'),
      cp1252Story,
      cp1252Story,
      ascii('<p>A second sentence follows. And a third one, to make an article.</p></article>'),
    )
    const r = extractArticle(decodeHtml(page('', story)).text)
    expect(r.ok && r.article.body.startsWith('“Café prices rose” – again.')).toBe(true)
  })
})

describe('charsetOf', () => {
  it('reads the charset parameter', () => {
    expect(charsetOf('text/html; charset=Shift_JIS')).toBe('Shift_JIS')
    expect(charsetOf('text/html;charset="utf-8"')).toBe('utf-8')
    expect(charsetOf('text/html')).toBeUndefined()
    expect(charsetOf(undefined)).toBeUndefined()
  })
})
