-- Organisation keys (Quote."speakerKey") now give one key to the common forms of a body ("Tories",
-- "the Conservative Party"; src/speakers/speaker-key.ts), and editors' organisation decisions are
-- IdentityDecision rows of kind 'organization-merge' and 'organization-rename' (no new column).
-- No schema change: on SQLite, src/db/migrate.ts computes the stored keys again right after this
-- migration; on PostgreSQL `newsdesk ingest --relink` does (a full relink recomputes them).
SELECT 1;
