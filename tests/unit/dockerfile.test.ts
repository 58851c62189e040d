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
    // the extractor version and the confidence calibration
    expect(runtime).toMatch(
      /COPY --from=build \/app\/src\/extraction\/version\.json \/app\/src\/extraction\/calibration\.json \.\/src\/extraction\//,
    )
  })

  it('runs as a non-root user on a supported LTS, with a health check that follows PORT', () => {
    expect(runtime).toMatch(/^\nFROM node:(22|24)-/)
    expect(runtime).toMatch(/\nUSER node\n/)
    expect(runtime).toMatch(/HEALTHCHECK [^\n]*process\.env\.PORT/)
  })
})

/** docker-compose.yml read as text, one service's indented block at a time. */
describe('docker compose', () => {
  const compose = readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8')
  const service = (name: string) => new RegExp(`\\n  ${name}:\\n((?: {4}.*\\n|\\s*\\n)*)`).exec(compose)?.[1] ?? ''
  const namedVolumes = /\nvolumes:\n((?: {2}.*\n?)*)/.exec(compose)?.[1] ?? ''

  it('keeps the SQLite API the default: no profile, a file: URL on a named volume', () => {
    const api = service('api')
    expect(api).not.toMatch(/profiles:/)
    expect(api).toMatch(/DATABASE_URL: file:\/app\/data\//)
    expect(api).toMatch(/- newsdesk-data:\/app\/data\n/)
  })

  it('runs the official PostgreSQL image under the postgres profile: named volume, C collation, pg_isready over TCP', () => {
    const postgres = service('postgres')
    expect(postgres).toMatch(/profiles: \[postgres\]/)
    expect(postgres).toMatch(/image: postgres:1[5-6]\n/)
    expect(postgres).toMatch(/POSTGRES_INITDB_ARGS: "--locale=C\.UTF-8"/)
    const volume = /- ([\w-]+):\/var\/lib\/postgresql\/data\n/.exec(postgres)?.[1]
    expect(namedVolumes).toContain(`  ${volume}:`)
    expect(postgres).toMatch(/test: \["CMD", "pg_isready", "-h", "127\.0\.0\.1"/)
  })

  it('starts the PostgreSQL API, with the same image and health check, once the database is healthy', () => {
    const api = service('api-postgres')
    expect(api).toMatch(/<<: \*api\n/)
    expect(service('api')).toMatch(/<<: \*api\n/)
    expect(compose).toMatch(/\nx-api: &api\n[\s\S]*?healthcheck:\n[^\n]*\n\s+test: \[[^\n]*process\.env\.PORT/)
    expect(api).toMatch(/profiles: \[postgres\]/)
    expect(api).toMatch(/DATABASE_URL: "postgresql:\/\/newsdesk:\$\{POSTGRES_PASSWORD:-newsdesk\}@postgres:5432\/newsdesk"/)
    expect(api).toMatch(/depends_on:\n\s+postgres:\n\s+condition: service_healthy\n/)
  })
})
