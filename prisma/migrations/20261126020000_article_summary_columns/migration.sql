-- Summary columns: article lists read these instead of each body and two count subqueries per row.
-- Written by hand as ALTER TABLE ADD COLUMN: the redefinition `migrate diff` proposes for SQLite
-- would drop and recreate "Article", and with it the full-text triggers of the previous migration.
ALTER TABLE "Article" ADD COLUMN "excerpt" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Article" ADD COLUMN "peopleCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Article" ADD COLUMN "quoteCount" INTEGER NOT NULL DEFAULT 0;

UPDATE "Article" SET
    "excerpt" = substr("body", 1, 280),
    "peopleCount" = (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."articleSeq" = "Article"."seq"),
    "quoteCount" = (SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = "Article"."seq");
