// `npm run ingest` for developers: rebuilds dist/ only when a source file is newer than the last
// build, so an unchanged checkout starts at once (the installed bin never builds).
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const stamp = (path) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|json)$/.test(e.name))
    .reduce((max, e) => Math.max(max, stamp(join(e.parentPath ?? e.path, e.name))), 0)

const built = stamp('dist/.tsbuildinfo')
const sources = Math.max(newest('src'), newest('scripts'), stamp('tsconfig.json'), stamp('tsconfig.build.json'))
if (sources > built) {
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: ['ignore', 2, 2] })
  process.exit(run.status ?? 1)
}
