-- Corpus-level identity (issue 15): the people each article's extraction found are kept as
-- entities, linked to people by a relink pass over the whole corpus; editors' decisions and the
-- redirects of merged people are stored.

-- CreateTable
CREATE TABLE "ArticleEntity" (
    "articleSeq" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "titles" TEXT NOT NULL,
    "aliases" TEXT NOT NULL,
    "mentionCount" INTEGER NOT NULL,
    "mentions" TEXT NOT NULL,
    "joinOnly" BOOLEAN NOT NULL DEFAULT false,
    "speakerType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "personId" TEXT,
    "surnameKey" TEXT,
    "givenKey" TEXT,
    "personKey" TEXT,

    PRIMARY KEY ("articleSeq", "position"),
    CONSTRAINT "ArticleEntity_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article" ("seq") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleEntity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonRedirect" (
    "fromKey" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdentityDecision" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "person" TEXT NOT NULL,
    "into" TEXT,
    "name" TEXT,
    "articles" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdentityBacklog" (
    "key" TEXT NOT NULL PRIMARY KEY
);

-- AlterTable: added in place (redefining Quote would drop its FTS triggers)
ALTER TABLE "Quote" ADD COLUMN "speakerEntity" INTEGER;

-- CreateIndex
CREATE INDEX "ArticleEntity_personId_idx" ON "ArticleEntity"("personId");
CREATE INDEX "ArticleEntity_status_name_idx" ON "ArticleEntity"("status", "name");
CREATE INDEX "ArticleEntity_surnameKey_idx" ON "ArticleEntity"("surnameKey");
CREATE INDEX "ArticleEntity_givenKey_idx" ON "ArticleEntity"("givenKey");
CREATE INDEX "ArticleEntity_personKey_idx" ON "ArticleEntity"("personKey");
CREATE INDEX "PersonRedirect_personId_idx" ON "PersonRedirect"("personId");

-- Existing databases: each stored article-person becomes an entity already linked to that person,
-- and each quote points at its speaker's entity. Their lookup keys are left null: the next relink
-- then runs over the whole corpus, computes them and recomputes identity.
INSERT INTO "ArticleEntity" ("articleSeq", "position", "name", "titles", "aliases", "mentionCount", "mentions", "status", "personId")
SELECT ap."articleSeq", row_number() OVER (PARTITION BY ap."articleSeq" ORDER BY ap."personId") - 1, p."name",
       ap."titles", ap."aliases", ap."mentionCount", ap."mentions", 'person', ap."personId"
FROM "ArticlePerson" ap JOIN "Person" p ON p."id" = ap."personId";

UPDATE "Quote" SET "speakerEntity" = (
  SELECT e."position" FROM "ArticleEntity" e WHERE e."articleSeq" = "Quote"."articleSeq" AND e."personId" = "Quote"."personId"
) WHERE "personId" IS NOT NULL;
