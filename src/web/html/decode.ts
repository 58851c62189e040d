// Bytes -> text for HTML pages: BOM, HTTP charset, <meta> sniffing (WHATWG), then UTF-8 if valid, else windows-1252.
import { Sniffer, ResultType } from 'encoding-sniffer/sniffer'
import iconv from 'iconv-lite'

/** The charset parameter of a Content-Type header value, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null
  return m?.[1]
}

/** Bytes of a page -> text: BOM, then the HTTP Content-Type charset, then <meta charset>/http-equiv in the first 1024 bytes (encoding-sniffer implements the WHATWG sniffing algorithm), else UTF-8 if valid, else windows-1252. */
export function decodeHtml(bytes: Uint8Array, contentType?: string): { text: string; encoding: string } {
  const sniffer = new Sniffer({ transportLayerEncodingLabel: charsetOf(contentType), defaultEncoding: 'windows-1252' })
  sniffer.write(bytes.subarray(0, 1024))
  const sniffed = sniffer.encoding.toLowerCase()
  if (sniffer.resultType === ResultType.BOM) return { text: decode(bytes, sniffed), encoding: sniffed }
  const declared = sniffer.resultType !== ResultType.DEFAULT
  const utf8 = tryUtf8(bytes)
  // nothing declared: UTF-8 when the bytes are valid UTF-8 (most of the web), else the legacy default
  if (!declared)
    return utf8 !== null ? { text: utf8, encoding: 'utf-8' } : { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' }
  // a declaration the bytes contradict: invalid "UTF-8" is legacy text; a page declared in a legacy charset whose bytes are valid multibyte UTF-8 is UTF-8 (transcoded, label left)
  if (sniffed === 'utf-8')
    return utf8 !== null ? { text: utf8, encoding: 'utf-8' } : { text: decode(bytes, 'windows-1252'), encoding: 'windows-1252' }
  if (!sniffed.startsWith('utf-16') && utf8 !== null && hasMultibyte(bytes)) return { text: utf8, encoding: 'utf-8' }
  return { text: decode(bytes, sniffed), encoding: sniffed }
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function hasMultibyte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0xc2 && bytes[i]! <= 0xf4) return true
  return false
}

function decode(bytes: Uint8Array, encoding: string): string {
  // Node's TextDecoder reads "windows-1252" as Latin-1 (0x93 stays a C1 control, not “): legacy
  // charsets go through iconv-lite, Unicode ones through TextDecoder
  if (/^utf-(?:8|16(?:le|be)?)$/.test(encoding)) return new TextDecoder(encoding).decode(bytes)
  const name = iconv.encodingExists(encoding) ? encoding : 'windows-1252'
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name)
}

/** Bytes of an XML document (a feed) -> text: as a page, with the `<?xml … encoding="…"?>` declaration as the charset when the transport names none. */
export function decodeXml(bytes: Uint8Array, contentType?: string): { text: string; encoding: string } {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256))
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1]
  return decodeHtml(bytes, charsetOf(contentType) ? contentType : declared ? `text/xml; charset=${declared}` : contentType)
}
