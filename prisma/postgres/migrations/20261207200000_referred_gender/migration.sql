-- Referred gender: the pronoun the articles' text uses for a person. Per article and entity, the
-- evidence extraction found (JSON); per person, the corpus decision and the summed evidence.
-- Rows written before this migration have no evidence (NULL): their people stay unknown until the
-- articles are extracted again (`newsdesk ingest --reextract`).
ALTER TABLE "ArticleEntity" ADD COLUMN "gender" TEXT;
ALTER TABLE "ArticlePerson" ADD COLUMN "gender" TEXT;
ALTER TABLE "Person" ADD COLUMN "pronoun" TEXT;
ALTER TABLE "Person" ADD COLUMN "pronounBasis" TEXT;
ALTER TABLE "Person" ADD COLUMN "pronounEvidence" TEXT NOT NULL DEFAULT '{}';
