import { runDeleteCommand } from './delete-command.js'
import { runIngestCommand } from './ingest-command.js'
import { runOrganizationsCommand } from './organizations-command.js'
import { runPeopleCommand } from './people-command.js'
import { runQuotesCommand } from './quotes-command.js'
import type { CliIO } from './io.js'

const USAGE = `usage: newsdesk <command> [options]

commands:
  ingest [paths...]       load articles into the database (newsdesk ingest --help)
  people <action>         correct who is who: merge, split, rename, not-a-person, decisions (newsdesk people --help)
  organizations <action>  correct which organisation is which: merge, rename, decisions (newsdesk organizations --help)
  quotes <action>         correct one quote: reassign, reject, decisions, revoke (newsdesk quotes --help)
  delete <ids...>         remove articles with their quotes and mentions (newsdesk delete --help)
  copy-to-postgres        copy a SQLite database into PostgreSQL (newsdesk copy-to-postgres --help)

exit codes: 0 all ok, 1 some input failed, 2 usage error, 130 interrupted`

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  ingest: runIngestCommand,
  people: runPeopleCommand,
  organizations: runOrganizationsCommand,
  quotes: runQuotesCommand,
  delete: runDeleteCommand,
  'copy-to-postgres': (argv, io) => import('./copy-command.js').then((m) => m.runCopyCommand(argv, io)),
}

/** `newsdesk <command> …`: the installed bin's entry; returns the exit code. */
export async function runNewsdesk(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE)
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.err(`newsdesk: unknown command "${name}"\n${USAGE}`)
    return 2
  }
  return command(rest, io)
}
