import { Command, InvalidArgumentError } from 'commander'
import { INTERRUPTED, openCommandDatabase, parseArgs, type CliIO } from './io.js'
import { progressBar } from './progress.js'
import { defaultBudgetMs } from '../extraction/budget.js'
import { defaultWorkerCount, inProcess, workerExtractor } from '../ingest/extractor.js'
import { ingestSources, reextractAll, tally, type FileOutcome, type IngestSummary } from '../ingest/ingest.js'
import { DEFAULT_EXTENSIONS, walkSources, type Source } from '../ingest/sources.js'
import { createUrlIngest, isUrl, urlList } from '../ingest/urls.js'
import { compactSearchIndexes } from '../db/writer.js'
import { storageFaultOf, type StorageFault } from '../db/storage-fault.js'
import { createFetcher } from '../web/fetch/fetcher.js'
import { privateAccessRule } from '../web/fetch/address-guard.js'
import { readFile, stat } from 'node:fs/promises'
import { watchFolder } from './watch.js'
import { fsErrorReason } from '../ingest/sources.js'
import { relink, type RelinkSummary } from '../ingest/relink.js'

const tallyOf = (o: FileOutcome) =>
  ['ingested', 'updated', 'unchanged', 'failed']
    .map((s) => [s, o.records.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')

/** One human line per file: status, path, and the reason or the records' tally. */
export function describeOutcome(o: FileOutcome): string {
  const failed = o.records.filter((r) => r.status === 'failed')
  const pad = o.status.padEnd(9)
  if (o.interrupted)
    return `${pad} ${o.source}: interrupted after ${plural(o.records.length, 'record')} (${tallyOf(o)}); the rest is not read`
  if (o.records.length === 1) {
    const r = o.records[0]!
    const warn = r.warnings?.length ? ` (warning: ${r.warnings.join('; ')})` : ''
    if (r.status === 'failed') return `${pad} ${o.source}: ${r.reason}`
    return r.id ? `${pad} ${o.source} -> ${r.id}${warn}` : `${pad} ${o.source} (not modified since it was last fetched)`
  }
  const tally = tallyOf(o)
  const reasons = failed
    .slice(0, 5)
    .map((r) => `${r.where}: ${r.reason}`)
    .join('; ')
  return `${pad} ${o.source}: ${plural(o.records.length, 'record')} (${tally})${reasons ? `: ${reasons}${failed.length > 5 ? '; …' : ''}` : ''}`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The line `--relink` and `people` print: what the relink changed. */
export function describeRelink(r: RelinkSummary): string {
  const decisions = r.decisions.applied + r.decisions.stale
  return (
    `relinked ${r.people} people in ${r.seconds.toFixed(1)} s: ${r.created} new, ${r.removed} merged or removed (${r.redirects} redirected), ` +
    `${r.renamed} renamed, ${r.articlesChanged} articles changed, ${r.unresolvedMentions} unresolved mentions` +
    (decisions ? `; ${r.decisions.applied} of ${decisions} editor decisions applied` : '')
  )
}

/** The closing line: files and records in separate words ("3 files (1 failed); 250 records: …"). */
export function describeSummary(s: IngestSummary, peakRssMB: number): string {
  const r = s.articles
  const stored = r.ingested + r.updated
  const files = `${plural(s.files, 'file')}${s.failedFiles ? ` (${s.failedFiles} with failures)` : ''}`
  const records = `${plural(r.ingested + r.updated + r.unchanged + r.failed, 'record')}: ${r.ingested} ingested, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed`
  const rate = s.seconds > 0 ? ` (${Math.round(stored / s.seconds)} records/s)` : ''
  return `${files}; ${records} in ${s.seconds.toFixed(1)} s${rate}, peak memory ${peakRssMB} MB`
}

const workerCount = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('give a whole number from 0 to 64')
  return n
}

const budgetMs = (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('give milliseconds as a whole number, 0 for no limit')
  return n
}

const extensionList = (v: string) => {
  const list = v
    .split(',')
    .map((e) => e.trim().replace(/^\./, '').toLowerCase())
    .filter(Boolean)
  if (list.length === 0) throw new InvalidArgumentError('give at least one extension')
  return list
}

const allowedHosts = (v: string, earlier: string[] = []) => {
  const rule = privateAccessRule(v)
  if (typeof rule === 'string' || rule.protocol !== null)
    throw new InvalidArgumentError('give a host or host:port, e.g. intranet.example:8080')
  return [...earlier, v]
}

/** `ingest <paths...>`: returns the process exit code (0 only when nothing failed). */
export async function runIngestCommand(argv: string[], io: CliIO): Promise<number> {
  const program = new Command('ingest')
    .description(
      'Load articles (seed format, plain text, JSON, JSON Lines, web pages, RSS/Atom/JSON feeds; directories walked; - for stdin; http(s) URLs fetched) into the database',
    )
    .argument('[paths...]', 'files, directories, - for stdin, or http(s) URLs of pages and feeds')
    .option('--urls <file>', 'a file of URLs to fetch, one per line (# comments)')
    .option('--fetch', 'download the article of a feed item that only links to it (else it is reported)')
    .option(
      '--fetch-delay <ms>',
      'politeness: least time between two requests to one host (robots.txt Crawl-delay may raise it)',
      budgetMs,
      1000,
    )
    .option(
      '--allow-host <host[:port]>',
      'let feed links and redirects reach this host (that port, else any) at a loopback, private or other non-public address, which only the origins of the URLs given may otherwise; repeatable',
      allowedHosts,
    )
    .option('--watch <dir>', 'after loading the paths, keep watching <dir> and load files as they appear or change (Ctrl-C to stop)')
    .option('--json', 'print one JSON object per file and a JSON summary')
    .option('--ext <list>', 'extensions taken from directories', extensionList, DEFAULT_EXTENSIONS)
    .option('--reextract', 're-run extraction over stored articles extracted by an older version')
    .option('--all', 'with --reextract: every stored article')
    .option('--relink', 'recompute who every stored person mention is, over the whole corpus (each batch already relinks what it touches)')
    .option('--database <url>', 'SQLite file: URL or path, or postgresql:// URL (default: DATABASE_URL, else ./data/newsdesk.db)')
    .option('--workers <n>', 'extraction threads beside the writer (0: extract in the writing thread)', workerCount, defaultWorkerCount())
    .option(
      '--extraction-budget <ms>',
      'time one article may take to extract before it fails alone (0: no limit; default EXTRACTION_BUDGET_MS, else 10000)',
      budgetMs,
      defaultBudgetMs(),
    )
  const stop = parseArgs(program, argv, io)
  if (stop !== null) return stop
  const opts = program.opts<{
    json?: boolean
    ext: string[]
    reextract?: boolean
    relink?: boolean
    all?: boolean
    database?: string
    workers: number
    extractionBudget: number
    urls?: string
    fetch?: boolean
    fetchDelay: number
    allowHost?: string[]
    watch?: string
  }>()
  const paths = program.args.filter((a) => !isUrl(a))
  const urls = program.args.filter(isUrl)
  if (opts.urls) {
    let list
    try {
      list = urlList(await readFile(opts.urls, 'utf8'))
    } catch (err) {
      io.err(`ingest: --urls ${opts.urls}: ${fsErrorReason(err)}`)
      return 2
    }
    if (list.bad.length) {
      io.err(`ingest: --urls ${opts.urls}: not http(s) URLs: ${list.bad.slice(0, 3).join(', ')}${list.bad.length > 3 ? ', …' : ''}`)
      return 2
    }
    urls.push(...list.urls)
  }
  if (opts.watch && !(await stat(opts.watch).catch(() => null))?.isDirectory()) {
    io.err(`ingest: --watch ${opts.watch}: not a folder`)
    return 2
  }
  if (!opts.reextract && !opts.relink && !opts.watch && paths.length === 0 && urls.length === 0) {
    io.err('ingest: give at least one file, directory, URL or - (see --help)')
    return 2
  }
  const prisma = await openCommandDatabase('ingest', opts.database, io)
  if (!prisma) return 2
  const extractor = opts.workers > 0 ? workerExtractor(opts.workers, opts.extractionBudget) : inProcess(opts.extractionBudget)
  // the network only when something is to be fetched
  // the origins the operator named may be on this machine or its network; links found in feeds or
  // redirects may not, not even to another port of those hosts, unless --allow-host says so
  const allowPrivate = [...urls.map((u) => new URL(u).origin), ...(opts.allowHost ?? [])]
  const fetcher = urls.length || opts.fetch ? createFetcher({ delayMs: opts.fetchDelay, allowPrivate }) : null
  const web = fetcher ? createUrlIngest(prisma, fetcher, { fetchLinks: !!opts.fetch }) : null
  const signal = io.signal
  const showBar = io.isTTY && !opts.json
  let bar: ReturnType<typeof progressBar> | null = null
  try {
    if (opts.relink && !opts.reextract && paths.length === 0) {
      const summary = await relink(prisma)
      io.out(opts.json ? JSON.stringify({ relink: summary }) : describeRelink(summary))
      return 0
    }
    if (opts.reextract) {
      const started = Date.now()
      bar = showBar ? progressBar('articles') : null
      let shown = 0
      let failed = 0
      const onFailure = (id: string, reason: string) => {
        failed++
        io.err(`article ${id}: ${reason} (its earlier extraction is kept)`)
      }
      const n = await reextractAll(prisma, { all: !!opts.all, extractor, signal, onFailure }, (done, total) => {
        if (shown === 0) bar?.start(total)
        bar?.update(done, done - shown)
        shown = done
      })
      bar?.stop()
      const interrupted = !!signal?.aborted
      if (!interrupted) await compactSearchIndexes(prisma, n)
      const summary = {
        reextracted: n,
        ...(failed > 0 ? { failed } : {}),
        seconds: (Date.now() - started) / 1000,
        ...(interrupted ? { interrupted } : {}),
      }
      io.out(
        opts.json
          ? JSON.stringify(summary)
          : `${interrupted ? 'interrupted: ' : ''}re-extracted ${n} article${n === 1 ? '' : 's'}${failed > 0 ? `, ${failed} failed` : ''} in ${summary.seconds.toFixed(1)} s`,
      )
      if (interrupted) return INTERRUPTED
      if (paths.length === 0) return failed > 0 ? 1 : 0
    }
    const sources: Source[] = []
    for await (const s of walkSources(paths, opts.ext)) {
      if (signal?.aborted) break
      sources.push(s)
    }
    if (web) sources.push(...web.sources(urls))
    const started = Date.now()
    bar = showBar ? progressBar('files') : null
    bar?.start(sources.length)
    const counts = tally()
    let files = 0
    const fetchLinked = web && opts.fetch ? web.fetchLinked : undefined
    // a full disk or a damaged database stops the run: what is stored stands, and the summary says so
    let fault: StorageFault | null = null
    try {
      for await (const outcome of ingestSources(prisma, sources, { extractor, signal, fetchLinked })) {
        counts.add(outcome)
        if (opts.json) io.out(JSON.stringify(outcome))
        else if (bar) {
          if (outcome.status === 'failed' || outcome.status === 'partial') io.err(`\n${describeOutcome(outcome)}`)
        } else io.out(describeOutcome(outcome))
        if (!outcome.interrupted) files++
        bar?.update(
          files,
          outcome.records.filter((r) => r.status === 'ingested' || r.status === 'updated').length,
          outcome.source.slice(-40),
        )
      }
    } catch (err) {
      fault = storageFaultOf(err)
      if (!fault) throw err
    }
    bar?.stop()
    const interrupted = !!signal?.aborted
    const { ingested, updated } = counts.summary(0).articles
    if (!interrupted && !fault) await compactSearchIndexes(prisma, ingested + updated)
    const summary = counts.summary((Date.now() - started) / 1000)
    // the whole process, worker threads included
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024)
    const notDone = `; ${plural(sources.length - files, 'file')} not done, run again to load them`
    if (fault) io.err(`ingest: stopped: ${fault.message}`)
    if (opts.json)
      io.out(
        JSON.stringify({
          summary: { ...summary, peakRssMB, ...(interrupted ? { interrupted } : {}), ...(fault ? { stopped: fault.message } : {}) },
        }),
      )
    else
      io.out(
        `${interrupted ? 'interrupted: ' : fault ? 'stopped: ' : ''}${describeSummary(summary, peakRssMB)}${interrupted || fault ? notDone : ''}`,
      )
    if (fault) return 1
    if (interrupted && !opts.watch) return INTERRUPTED
    const folder = opts.watch
    if (!folder) return summary.articles.failed > 0 || summary.failedFiles > 0 ? 1 : 0
    // watching: what is in the folder, then each batch of new or changed files, through the same pipeline, until Ctrl-C or SIGTERM
    const watched = tally()
    const watchStarted = Date.now()
    await watchFolder(
      folder,
      opts.ext,
      signal ?? new AbortController().signal,
      async (files) => {
        // found in the watched folder: a link out of it is reported, not followed
        for await (const outcome of ingestSources(prisma, walkSources(files, opts.ext, { roots: [folder] }), {
          extractor,
          fetchLinked,
          knownContent: 'lookup',
        })) {
          watched.add(outcome)
          io.out(opts.json ? JSON.stringify(outcome) : describeOutcome(outcome))
        }
      },
      {
        onReady: () => io.err(`watching ${folder} for new and changed files (Ctrl-C to stop)`),
        onError: (err) => io.err(`ingest: a batch failed and was skipped: ${err instanceof Error ? err.message : String(err)}`),
      },
    )
    const whileWatching = watched.summary((Date.now() - watchStarted) / 1000)
    if (opts.json) io.out(JSON.stringify({ watched: whileWatching }))
    else io.out(`stopped watching: ${describeSummary(whileWatching, Math.round(process.resourceUsage().maxRSS / 1024))}`)
    return summary.articles.failed + whileWatching.articles.failed > 0 ? 1 : 0
  } finally {
    bar?.stop() // shows the cursor again, whatever happened
    await fetcher?.close()
    await extractor.close()
    await prisma.$disconnect()
  }
}
