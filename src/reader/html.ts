/** A fragment of markup that is already safe to emit: only `html` and `raw` make one. */
export interface Html {
  readonly __html: string
}

/** What may be interpolated into `html`: text is escaped, fragments are kept, nothing prints as empty. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[]

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\r': '&#13;' }

/**
 * Text as HTML, safe in element content and in quoted attribute values. A carriage return becomes a
 * character reference because the HTML parser would otherwise turn CR LF into LF and move offsets.
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!)

export const raw = (markup: string): Html => ({ __html: markup })

const isHtml = (value: unknown): value is Html => typeof value === 'object' && value !== null && '__html' in value

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (typeof value === 'string') return escapeHtml(value)
  if (typeof value === 'number') return String(value)
  if (isHtml(value)) return value.__html
  return value.map(render).join('')
}

/** Tagged template: every interpolated value is escaped unless it is itself `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!
  })
  return raw(out)
}

/** An attribute list from a record: absent values are left out, present ones escaped. */
export function attributes(attrs: Readonly<Record<string, string | number | undefined>>): Html {
  return raw(
    Object.entries(attrs)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
      .join(''),
  )
}
