import { resolve } from 'node:path'

/** The two databases Newsdesk runs on: an embedded SQLite file (the default) or a PostgreSQL server. */
export type Dialect = 'sqlite' | 'postgres'

/** `postgres://` and `postgresql://` URLs select PostgreSQL; anything else is a SQLite `file:` URL. */
export const dialectOf = (url: string): Dialect => (/^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite')

/** Path of the SQLite file behind a `file:` URL, relative to the working directory. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''))
}

/** The URL with its password replaced, for logs and messages. */
export function redactedUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@')
}
