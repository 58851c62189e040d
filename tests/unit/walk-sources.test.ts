import { execFileSync } from 'node:child_process'
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readLines, readSource, walkSources } from '../../src/ingest/sources.js'

let dir: string
const fifos: string[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsdesk-walk-'))
})
afterEach(() => {
  // a reader left blocked on a FIFO (the bug these tests catch) gets its end of file, so the run can end
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // nobody reading it: nothing to release
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const put = (path: string, text = 'Title\nBody text, an official said.\n') => {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}
const mkfifo = (path: string) => {
  execFileSync('mkfifo', [path])
  fifos.push(path)
  return path
}

/** Everything a walk yields (path relative to the test folder, and the reason of a refused one); fails after 5 s instead of hanging. */
async function walked(paths: string[], opts?: Parameters<typeof walkSources>[2]) {
  const out: [string, string | undefined][] = []
  const walk = (async () => {
    for await (const s of walkSources(paths, undefined, opts)) out.push([s.path.replace(`${dir}/`, ''), s.error])
  })()
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`walk still running: ${JSON.stringify(out)}`)), 5000))
  await Promise.race([walk, timeout])
  return out
}

describe('walkSources: symbolic links', () => {
  it('does not follow a link in a folder out of the folder, and says where it leads', async () => {
    const folder = join(dir, 'folder')
    put(join(folder, 'a.txt'))
    put(join(dir, 'outside', 'secret.txt'))
    symlinkSync('/etc/passwd', join(folder, 'passwd.txt'))
    symlinkSync('/', join(folder, 'root'))
    symlinkSync(join(dir, 'outside'), join(folder, 'sibling'))
    symlinkSync('../outside/secret.txt', join(folder, 'secret.txt'))
    symlinkSync('/etc/passwd', join(folder, 'passwd')) // not a wanted extension: skipped like any such file
    expect(await walked([folder])).toEqual([
      ['folder/a.txt', undefined],
      ['folder/passwd.txt', 'symbolic link leads outside the folder (/etc/passwd)'],
      ['folder/root', 'symbolic link leads outside the folder (/)'],
      ['folder/secret.txt', `symbolic link leads outside the folder (${join(dir, 'outside', 'secret.txt')})`],
      ['folder/sibling', `symbolic link leads outside the folder (${join(dir, 'outside')})`],
    ])
  })

  it('follows links that stay inside the folders given, and a link named on the command line wherever it leads', async () => {
    const folder = join(dir, 'folder')
    put(join(folder, 'sub', 'b.txt'))
    symlinkSync('sub/b.txt', join(folder, 'again.txt'))
    symlinkSync(join(folder, 'sub'), join(folder, 'also'))
    put(join(dir, 'other', 'c.txt'))
    symlinkSync(join(dir, 'other', 'c.txt'), join(folder, 'other.txt')) // into the other folder given
    symlinkSync('/etc/passwd', join(dir, 'named.txt'))
    expect(await walked([folder, join(dir, 'other'), join(dir, 'named.txt')])).toEqual([
      ['folder/again.txt', undefined],
      ['folder/also/b.txt', undefined],
      ['folder/other.txt', undefined],
      ['other/c.txt', undefined],
      ['named.txt', undefined],
    ])
  })

  it('holds a manifest named on the command line to the same rule: the files it lists are in its folder', async () => {
    const folder = join(dir, 'folder')
    put(join(folder, 'a.txt'))
    symlinkSync('/etc/passwd', join(folder, 'passwd.txt'))
    const manifest = put(
      join(folder, 'manifest.jsonl'),
      ['a.txt', 'passwd.txt'].map((file) => JSON.stringify({ file, section: 'local' })).join('\n'),
    )
    expect(await walked([manifest])).toEqual([
      ['folder/a.txt', undefined],
      ['folder/passwd.txt', 'symbolic link leads outside the folder (/etc/passwd)'],
    ])
  })

  it('given the folder a watch stands in, treats the files it hands over as found there', async () => {
    const folder = join(dir, 'watched')
    put(join(folder, 'a.txt'))
    symlinkSync('/etc/passwd', join(folder, 'passwd.txt'))
    symlinkSync('/', join(folder, 'root'))
    symlinkSync('a.txt', join(folder, 'same.txt'))
    const paths = ['a.txt', 'passwd.txt', 'root', 'same.txt'].map((n) => join(folder, n))
    expect(await walked(paths, { roots: [folder] })).toEqual([
      ['watched/a.txt', undefined],
      ['watched/passwd.txt', 'symbolic link leads outside the folder (/etc/passwd)'],
      ['watched/root', 'symbolic link leads outside the folder (/)'],
      ['watched/same.txt', undefined],
    ])
  })
})

describe('walkSources: special files', () => {
  it('walks past FIFOs in a folder without opening them, and reports those named like a file to take', async () => {
    const folder = join(dir, 'folder')
    put(join(folder, 'a.txt'))
    mkfifo(join(folder, 'pipe.txt'))
    mkfifo(join(folder, 'manifest.jsonl'))
    mkfifo(join(folder, 'other.fifo'))
    expect(await walked([folder])).toEqual([
      ['folder/a.txt', undefined],
      // the walk reads a folder's manifest before its files: it must not wait on this one
      ['folder/manifest.jsonl', 'not a regular file (a FIFO): to read a stream, pipe it to -'],
      ['folder/pipe.txt', 'not a regular file (a FIFO): to read a stream, pipe it to -'],
    ])
  })

  it('refuses a FIFO or a device named on the command line, with the reason', async () => {
    const fifo = mkfifo(join(dir, 'pipe.txt'))
    expect(await walked([fifo, '/dev/null'])).toEqual([
      ['pipe.txt', 'not a regular file (a FIFO): to read a stream, pipe it to -'],
      ['/dev/null', 'not a regular file (a character device)'],
    ])
  })

  it('never blocks reading a path that became a FIFO after the walk', async () => {
    const fifo = mkfifo(join(dir, 'late.txt'))
    await expect(readSource(fifo)).rejects.toThrow('not a regular file (a FIFO)')
    await expect(
      (async () => {
        for await (const line of readLines(mkfifo(join(dir, 'late.jsonl')))) void line
      })(),
    ).rejects.toThrow('not a regular file (a FIFO)')
  })
})
