#!/usr/bin/env bash
# Runs a command against a PostgreSQL 15 server on this machine: installs postgresql-15 from Debian
# when missing, creates and starts the cluster when needed, creates a role that may create
# databases (the tests make one per file, and prisma migrate diff a shadow one), checks that the
# committed PostgreSQL migrations give exactly the models, then runs the command with
# TEST_DATABASE_URL set. Stops the cluster again if it started it. Changes no authentication
# setting: Debian's pg_hba.conf (local: peer, 127.0.0.1: scram-sha-256) is kept, the role logs in
# over TCP with a password. Needs root (CI), or sudo.
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_MAJOR=${PG_MAJOR:-15}
DB_USER=${DB_USER:-newsdesk_ci}
DB_PASS=${DB_PASS:-newsdesk_ci}
PORT=${PGPORT:-5432}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
as_postgres() { (cd / && $SUDO runuser -u postgres -- "$@"); } # cd /: postgres cannot read the caller's folder

if ! command -v pg_ctlcluster >/dev/null || [ ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-$PG_MAJOR" >/dev/null
fi
# a package installed where services may not start can have no cluster yet
pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main"' | grep -q . || $SUDO pg_createcluster "$PG_MAJOR" main --port "$PORT"

started=0
if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  $SUDO pg_ctlcluster "$PG_MAJOR" main start
  started=1
fi
stop() { if [ "$started" = 1 ]; then $SUDO pg_ctlcluster "$PG_MAJOR" main stop || true; fi; }
trap stop EXIT
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 1; done
pg_isready -h 127.0.0.1 -p "$PORT"

as_postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -q -v user="$DB_USER" -v pass="$DB_PASS" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pass')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SQL
# the role's own database: the tests connect to it to create theirs
as_postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -q -v user="$DB_USER" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I TEMPLATE template0 LC_COLLATE %L LC_CTYPE %L', :'user', :'user', 'C.UTF-8', 'C.UTF-8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'user') \gexec
SQL
export TEST_DATABASE_URL="postgresql://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_USER"

# the committed migrations, replayed into a shadow database, must give exactly the models
DATABASE_URL="$TEST_DATABASE_URL" npx prisma migrate diff --config prisma/postgres/prisma.config.ts --exit-code \
  --from-migrations prisma/postgres/migrations --to-schema-datamodel prisma/postgres

"$@"
