import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { closeSync, constants, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, inject, it, onTestFinished } from 'vitest'
import { projectRoot } from '../../src/paths.js'

// a folder to ingest may come from anyone (an archive, a shared drop folder): its links must not
// carry the walk out of it (to /etc/passwd, to /), and its FIFOs must not stop it
let dir: string
let db: string
const fifos: string[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-links-'))
  db = join(dir, 'links.db')
  copyFileSync(inject('templateDb'), db)
})
afterEach(() => {
  // a reader left blocked on a FIFO gets its end of file
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // nobody reading it
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const article = (path: string, title: string) => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, `${title}\n\nThe council met on Monday, Mayor Anne Hidalgo said. "${title} is settled," she said.\n`)
  return path
}
const mkfifo = (path: string) => {
  execFileSync('mkfifo', [path])
  fifos.push(path)
  return path
}

/** The real ingest CLI (text output) into the test's database; killed after 20 s (a walk of / or a wait on a FIFO never ends). */
function ingest(args: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--workers', '0', '--database', db, ...args],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 20_000,
      maxBuffer: 1 << 26,
    },
  )
  return { code: run.status, signal: run.signal, out: run.stdout, err: run.stderr }
}

const stored = () => {
  const conn = new Database(db, { readonly: true })
  try {
    return conn.prepare('SELECT "title", "body" FROM "Article" ORDER BY "title"').all() as { title: string; body: string }[]
  } finally {
    conn.close()
  }
}
const fromPasswd = (rows: { body: string; title: string }[]) => rows.filter((r) => /root:x?:0:0:|nologin/.test(r.title + r.body))

describe('symbolic links in a folder', () => {
  it('follows none out of the folder (to /etc/passwd, to /, to a folder beside it), says so per file, and takes the links inside', () => {
    const folder = join(dir, 'folder')
    article(join(folder, 'a.txt'), 'Harbour plan')
    article(join(folder, 'sub', 'b.txt'), 'School budget')
    article(join(dir, 'outside', 'c.txt'), 'Not in the folder')
    symlinkSync('/etc/passwd', join(folder, 'passwd.txt'))
    symlinkSync('/', join(folder, 'root'))
    symlinkSync('../outside', join(folder, 'sibling'))
    symlinkSync(join(dir, 'outside', 'c.txt'), join(folder, 'c.txt'))
    symlinkSync('sub/b.txt', join(folder, 'inside.txt'))
    const run = ingest([folder])
    expect(run.signal, run.out + run.err).toBeNull()
    expect(run.code).toBe(1)
    expect(run.out).toContain(`failed    ${folder}/passwd.txt: symbolic link leads outside the folder (/etc/passwd)\n`)
    expect(run.out).toContain(`failed    ${folder}/root: symbolic link leads outside the folder (/)\n`)
    expect(run.out).toContain(`failed    ${folder}/sibling: symbolic link leads outside the folder (${join(dir, 'outside')})\n`)
    expect(run.out).toContain(`failed    ${folder}/c.txt: symbolic link leads outside the folder (${join(dir, 'outside', 'c.txt')})\n`)
    expect(run.out).toMatch(new RegExp(`^ingested\\s+${folder}/inside\\.txt -> `, 'm'))
    expect(run.out).toMatch(new RegExp(`^unchanged\\s+${folder}/sub/b\\.txt -> `, 'm'))
    expect(run.out).toMatch(/^7 files \(4 with failures\); 7 records: 2 ingested, 0 updated, 1 unchanged, 4 failed in /m)
    expect(stored().map((r) => r.title)).toEqual(['Harbour plan', 'School budget'])
  })

  it('reads a link named on the command line wherever it leads: that is the user’s choice', () => {
    const elsewhere = article(join(dir, 'elsewhere', 'd.txt'), 'Named by hand')
    symlinkSync(elsewhere, join(dir, 'mine.txt'))
    const run = ingest([join(dir, 'mine.txt')])
    expect(run.code, run.out + run.err).toBe(0)
    expect(run.out).toMatch(new RegExp(`^ingested\\s+${dir}/mine\\.txt -> `, 'm'))
    expect(stored().map((r) => r.title)).toEqual(['Named by hand'])
  })
})

describe('FIFOs, sockets and devices', () => {
  it('are never read: FIFOs in a folder do not stop the walk, one named on the command line is refused with the reason', () => {
    const folder = join(dir, 'folder')
    article(join(folder, 'a.txt'), 'Harbour plan')
    mkfifo(join(folder, 'manifest.jsonl')) // read before the folder's files, when it is a manifest
    mkfifo(join(folder, 'news.txt'))
    mkfifo(join(folder, 'other.fifo'))
    const named = mkfifo(join(dir, 'stream.txt'))
    const run = ingest([folder, named, '/dev/null'])
    expect(run.signal, run.out + run.err).toBeNull()
    expect(run.code).toBe(1)
    const reason = 'not a regular file (a FIFO): to read a stream, pipe it to -'
    expect(run.out).toContain(`failed    ${folder}/manifest.jsonl: ${reason}\n`)
    expect(run.out).toContain(`failed    ${folder}/news.txt: ${reason}\n`)
    expect(run.out).not.toContain('other.fifo')
    expect(run.out).toContain(`failed    ${named}: ${reason}\n`)
    expect(run.out).toContain('failed    /dev/null: not a regular file (a character device)\n')
    expect(run.out).toMatch(new RegExp(`^ingested\\s+${folder}/a\\.txt -> `, 'm'))
    expect(stored().map((r) => r.title)).toEqual(['Harbour plan'])
  })
})

describe('--watch', () => {
  it('follows no link out of the watched folder, those there at the start or made while it watches, and says so per file', async () => {
    const inbox = join(dir, 'inbox')
    article(join(inbox, 'a.txt'), 'Harbour plan')
    article(join(dir, 'outside', 'c.txt'), 'Not in the folder')
    symlinkSync('/etc/passwd', join(inbox, 'passwd.txt'))
    symlinkSync('/', join(inbox, 'root'))
    symlinkSync('../outside', join(inbox, 'sibling'))
    mkfifo(join(inbox, 'news.txt'))
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'scripts/ingest.ts'), '--json', '--workers', '0', '--database', db, '--watch', inbox],
      { cwd: projectRoot },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })
    const outcomes = () =>
      new Map(
        out
          .split('\n')
          .filter((l) => l.startsWith('{"source"'))
          .map((l) => JSON.parse(l) as { source: string; status: string; records: { reason?: string }[] })
          .map((o) => [o.source.slice(inbox.length + 1), o.records.map((r) => r.reason ?? o.status).join(' | ')]),
      )
    const waitFor = async (test: () => boolean, ms = 20_000) => {
      const end = Date.now() + ms
      while (!test()) {
        if (Date.now() > end) throw new Error(`timed out; stdout: ${out}; stderr: ${err}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    await waitFor(() => err.includes('watching') && outcomes().size >= 5)
    // made while it watches
    symlinkSync('/etc/passwd', join(inbox, 'late.txt'))
    article(join(inbox, 'b.txt'), 'School budget')
    await waitFor(() => outcomes().has('late.txt') && outcomes().has('b.txt'))
    child.kill('SIGTERM')
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
    expect(Object.fromEntries(outcomes())).toEqual({
      'a.txt': 'ingested',
      'b.txt': 'ingested',
      'late.txt': 'symbolic link leads outside the folder (/etc/passwd)',
      'news.txt': 'not a regular file (a FIFO): to read a stream, pipe it to -',
      'passwd.txt': 'symbolic link leads outside the folder (/etc/passwd)',
      root: 'symbolic link leads outside the folder (/)',
      sibling: `symbolic link leads outside the folder (${join(dir, 'outside')})`,
    })
    expect(stored().map((r) => r.title)).toEqual(['Harbour plan', 'School budget'])
    expect(fromPasswd(stored())).toEqual([])
  }, 60_000)
})
