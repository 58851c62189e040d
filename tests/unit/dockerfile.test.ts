import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/paths.js'

/** No Docker engine runs in CI: what the image needs at run time is checked by reading the Dockerfile. */
describe('the container image', () => {
  const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8')
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))

  it('carries every data file extraction reads at run time', () => {
    const lexicon = readdirSync(join(projectRoot, 'src/extraction/lexicon')).filter((f) => f.endsWith('.txt'))
    expect(lexicon.length).toBeGreaterThan(2)
    expect(runtime).toMatch(/COPY --from=build \/app\/src\/extraction\/lexicon\/\*\.txt /)
    expect(runtime).toContain('/app/src/extraction/tagger/model.json')
  })

  it('runs as a non-root user on a supported LTS, with a health check that follows PORT', () => {
    expect(runtime).toMatch(/^\nFROM node:(22|24)-/)
    expect(runtime).toMatch(/\nUSER node\n/)
    expect(runtime).toMatch(/HEALTHCHECK [^\n]*process\.env\.PORT/)
  })
})
