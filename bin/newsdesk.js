#!/usr/bin/env node
// The installed `newsdesk` command. It runs the compiled CLI from dist/ (`npm run build`, run by
// `npm install` through `prepare`), so using it never needs the TypeScript compiler.
import { existsSync } from 'node:fs'

const dist = new URL('../dist/src/cli/', import.meta.url)
if (!existsSync(new URL('main.js', dist))) {
  process.stderr.write(`newsdesk: not built yet: run \`npm run build\` in ${new URL('..', import.meta.url).pathname}\n`)
  process.exit(1)
}
const { runAsProcess } = await import(new URL('io.js', dist).href)
const { runNewsdesk } = await import(new URL('main.js', dist).href)
runAsProcess('newsdesk', runNewsdesk)
