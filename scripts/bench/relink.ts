/**
 * Identity at scale: builds a database of N articles (default 100,000) and prints what relinking
 * costs there. Not a test.
 *
 *   npm run bench:relink -- [--articles 100000] [--source ../shared/data/articles/bbc] [--db /tmp/x.db]
 *
 * The BBC folder is ingested once; its articles (with their entities and quotes, bodies left out)
 * are then copied until there are N, each copy on its own day over two years, so people recur as
 * they do in a real archive. It prints, at N articles:
 * - a whole-corpus relink from scratch (every entity pending): what `ingest --relink` costs after
 *   a migration or a change of rules;
 * - a whole-corpus relink with nothing to change: its read-and-resolve floor;
 * - the per-batch relink ingest runs in each transaction, for a batch of 64 new articles, as a
 *   ratio to the same batch's relink at the size of the source corpus, and the settling of that
 *   batch's keys that ends an ingest run.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createPrisma } from '../../src/db/prisma.js'
import { inProcessExtractor } from '../../src/ingest/extractor.js'
import { ingestPaths } from '../../src/ingest/ingest.js'
import { relink, relinkArticles, settleBacklog } from '../../src/ingest/relink.js'
import { ensureMigrated } from '../../src/db/migrate.js'

const { values: opts } = parseArgs({
  options: { articles: { type: 'string' }, source: { type: 'string' }, db: { type: 'string' } },
})
const target = Number(opts.articles) || 100_000
const source = opts.source ?? '../shared/data/articles/bbc'
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-relink-'))
const base = join(dir, 'base.db')
const file = opts.db ?? join(dir, 'bench.db')

const seconds = (t0: number) => (performance.now() - t0) / 1000

await ensureMigrated(`file:${base}`)
let prisma = await createPrisma(`file:${base}`)
let t0 = performance.now()
for await (const outcome of ingestPaths(prisma, [source], { extractor: inProcessExtractor })) void outcome
const sourceArticles = await prisma.article.count()
console.log(`ingested ${sourceArticles} source articles in ${seconds(t0).toFixed(1)} s`)

// one batch's relink at the source size: the last 64 articles relinked again
const lastBatch = async () =>
  (await prisma.article.findMany({ orderBy: { seq: 'desc' }, take: 64, select: { seq: true } })).map((a) => a.seq)
const batchRelink = async () => {
  const seqs = await lastBatch()
  await prisma.$executeRaw`UPDATE "ArticleEntity" SET "status" = 'pending', "personId" = NULL WHERE "articleSeq" IN (SELECT value FROM json_each(${JSON.stringify(seqs)}))`
  let started = performance.now()
  const summary = await prisma.$transaction((tx) => relinkArticles(tx, seqs))
  const batch = seconds(started)
  started = performance.now()
  const settled = await settleBacklog(prisma)
  return { seconds: batch, read: summary.articles, settle: seconds(started), settleRead: settled.articles }
}
const small = await batchRelink()
await prisma.$disconnect()

// copies of the source articles, until there are `target`
copyFileSync(base, file)
prisma = await createPrisma(`file:${file}`)
t0 = performance.now()
const copies = Math.ceil(target / sourceArticles) - 1
await prisma.$executeRawUnsafe(`CREATE TEMP TABLE "Copy" ("k" INTEGER PRIMARY KEY)`)
await prisma.$executeRawUnsafe(
  `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ${copies}) INSERT INTO "Copy" SELECT k FROM n`,
)
// each copy's seq computed up front: copy k of the i-th article is max + (k - 1) × n + i
await prisma.$executeRawUnsafe(`CREATE TEMP TABLE "SeqMap" ("old" INTEGER, "k" INTEGER, "new" INTEGER PRIMARY KEY)`)
await prisma.$executeRawUnsafe(`
  WITH a AS (SELECT "seq", row_number() OVER (ORDER BY "seq") AS i FROM "Article"), m AS (SELECT max("seq") AS top, count(*) AS n FROM "Article")
  INSERT INTO "SeqMap" SELECT a."seq", c."k", m.top + (c."k" - 1) * m.n + a.i FROM a CROSS JOIN "Copy" c CROSS JOIN m`)
await prisma.$executeRawUnsafe(`
  INSERT INTO "Article" ("seq", "id", "contentHash", "title", "publishedAt", "listedAt", "section", "format", "extractorVersion", "updatedAt", "excerpt", "body")
  SELECT s."new", a."id" || '-' || s."k", a."contentHash" || '-' || s."k", a."title",
         strftime('%Y-%m-%dT00:00:00.000+00:00', '2004-01-01', '+' || ((a."seq" * 7 + s."k" * 13) % 730) || ' days'),
         strftime('%Y-%m-%dT00:00:00.000+00:00', '2004-01-01', '+' || ((a."seq" * 7 + s."k" * 13) % 730) || ' days'),
         a."section", a."format", a."extractorVersion", a."updatedAt", '', ''
  FROM "SeqMap" s JOIN "Article" a ON a."seq" = s."old" ORDER BY s."new"`)
await prisma.$executeRawUnsafe(`
  INSERT INTO "ArticleEntity" ("articleSeq", "position", "name", "titles", "aliases", "mentionCount", "mentions", "joinOnly", "speakerType", "surnameKey", "givenKey", "personKey")
  SELECT m."new", e."position", e."name", e."titles", e."aliases", e."mentionCount", e."mentions", e."joinOnly", e."speakerType", e."surnameKey", e."givenKey", e."personKey"
  FROM "SeqMap" m JOIN "ArticleEntity" e ON e."articleSeq" = m."old" ORDER BY m."new", e."position"`)
await prisma.$executeRawUnsafe(`
  INSERT INTO "Quote" ("id", "articleSeq", "position", "speakerEntity", "speakerName", "speakerType", "speakerText", "cue", "kind", "content", "contentStart", "contentEnd", "sentenceStart", "sentenceEnd", "sentence", "confidence", "listedAt")
  SELECT q."id" || '-' || m."k", m."new", q."position", q."speakerEntity", q."speakerName", q."speakerType", q."speakerText", q."cue", q."kind", '', q."contentStart", q."contentEnd", q."sentenceStart", q."sentenceEnd", '', q."confidence", q."listedAt"
  FROM "SeqMap" m JOIN "Quote" q ON q."articleSeq" = m."old"`)
await prisma.$executeRawUnsafe(`UPDATE "ArticleEntity" SET "status" = 'pending', "personId" = NULL`)
const [{ n: articles }] = await prisma.$queryRaw<[{ n: bigint | number }]>`SELECT count(*) AS n FROM "Article"`
const [{ n: entities }] = await prisma.$queryRaw<[{ n: bigint | number }]>`SELECT count(*) AS n FROM "ArticleEntity"`
console.log(`copied to ${articles} articles, ${entities} entities in ${seconds(t0).toFixed(1)} s`)

const cold = await relink(prisma)
console.log(
  `whole-corpus relink from scratch: ${cold.seconds.toFixed(1)} s (${((Number(articles) / cold.seconds) | 0).toLocaleString('en')} articles/s); ${cold.people} people, ${cold.unresolvedMentions} unresolved mentions`,
)
const warm = await relink(prisma)
console.log(`whole-corpus relink, nothing to change: ${warm.seconds.toFixed(1)} s`)
const large = await batchRelink()
console.log(
  `relink of one 64-article batch: ${(small.seconds * 1000).toFixed(0)} ms at ${sourceArticles} articles (${small.read} read), ` +
    `${(large.seconds * 1000).toFixed(0)} ms at ${articles} (${large.read} read): ×${(large.seconds / small.seconds).toFixed(1)} for ×${(Number(articles) / sourceArticles).toFixed(0)} the articles`,
)
console.log(
  `settling that batch's keys (end of an ingest run): ${(small.settle * 1000).toFixed(0)} ms at ${sourceArticles} (${small.settleRead} articles read), ` +
    `${(large.settle * 1000).toFixed(0)} ms at ${articles} (${large.settleRead} read)`,
)
await prisma.$disconnect()
if (!opts.db) rmSync(dir, { recursive: true, force: true })
