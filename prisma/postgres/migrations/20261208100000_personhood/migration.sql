-- Person-hood: whether a record is a person, decided over all its articles (identity/personhood.ts).
-- Per article and entity, the evidence extraction found (JSON); per person, the kind decided
-- ('person', 'organization', 'place', 'work', 'not-person') and why. Rows written before this
-- migration have no evidence (NULL): their records stay people until the articles are extracted
-- again (`newsdesk ingest --reextract`).
ALTER TABLE "ArticleEntity" ADD COLUMN "evidence" TEXT;
ALTER TABLE "Person" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'person';
ALTER TABLE "Person" ADD COLUMN "kindBasis" TEXT;
