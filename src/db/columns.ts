/** The models as the read stores return their rows: dates as ISO 8601 text (the form SQLite stores, and PostgreSQL's rows are given in). */
export type Stored<M> = { [K in keyof M]: M[K] extends Date ? string : M[K] extends Date | null ? string | null : M[K] }

/**
 * Column names of model `M`, checked against the generated model type: a renamed or removed
 * column stops `tsc` here instead of failing a query at run time.
 */
export const columnsOf =
  <M>() =>
  <const K extends readonly (keyof M & string)[]>(...names: K): K =>
    names

/** `alias."a", alias."b"`: a select list of checked column names. */
export const selectList = (alias: string | null, names: readonly string[]) =>
  names.map((n) => (alias ? `${alias}."${n}"` : `"${n}"`)).join(', ')

/** A row of the columns `K` of model `M`. */
export type RowOf<M, K extends readonly (keyof M)[]> = Pick<Stored<M>, K[number]>
