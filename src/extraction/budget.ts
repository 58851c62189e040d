/**
 * A time budget for one article's extraction: stages call `check()` between steps (each sentence,
 * each stage), and past the deadline it throws, so one long or hostile article fails alone instead
 * of holding a worker. The pipeline is linear in the text's length, so checks are never far apart.
 */
export interface Budget {
  check(): void
}

/** No deadline: extraction runs to the end. */
export const unlimitedBudget: Budget = { check: () => {} }

/** The error of an article whose extraction ran past its budget. */
export class ExtractionTimeout extends Error {
  constructor(readonly budgetMs: number) {
    super(`extraction took longer than ${budgetMs >= 1000 ? `${budgetMs / 1000} s` : `${budgetMs} ms`}`)
    this.name = 'ExtractionTimeout'
  }
}

/** A budget of `ms` milliseconds from now; no deadline when `ms` is 0 or absent. */
export function budgetOf(ms: number | undefined): Budget {
  if (!ms || ms <= 0) return unlimitedBudget
  const deadline = performance.now() + ms
  return {
    check: () => {
      if (performance.now() > deadline) throw new ExtractionTimeout(ms)
    },
  }
}

/** The default budget per article (`EXTRACTION_BUDGET_MS`, 0 for none): 10 s, twice what the largest accepted body (2 M characters) takes on a busy 2-core machine and 2,000× a news article. */
export function defaultBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.EXTRACTION_BUDGET_MS
  const ms = raw === undefined || raw === '' ? 10_000 : Number(raw)
  return Number.isFinite(ms) && ms >= 0 ? ms : 10_000
}
