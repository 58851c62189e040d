// Debug aid: prints an article's quotes with the speaker as written and the record it resolved to.
import { readFileSync } from 'node:fs'
import { extract } from '../src/extraction/pipeline.js'
import { bbcBody } from '../src/evaluation/bbc.js'

for (const file of process.argv.slice(2)) {
  const raw = readFileSync(file, 'utf8')
  const title = raw.slice(0, raw.indexOf('\n'))
  const body = bbcBody(raw)
  const x = extract({ title, body })
  console.log(`# ${file}: ${x.people.map((p) => p.name).join('; ')}`)
  for (const q of x.quotes)
    console.log(
      `${String(q.start).padStart(5)} ${(q.speaker.text ?? '∅').slice(0, 40).padEnd(40)} → ${(q.speaker.person !== null ? x.people[q.speaker.person]!.name : `[${q.speaker.type}] ${q.speaker.name}`).padEnd(28)} ${q.confidence} | ${q.content.slice(0, 70)}`,
    )
}
