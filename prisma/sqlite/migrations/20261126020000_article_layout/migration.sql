-- Article rows laid out for reading: SQLite stores a row's columns in order, and reaching a column
-- that comes after a long text means following that text's overflow pages. The body (and the
-- free-form extra) go last, so lists, quote joins and people links read only the first page of
-- a row; lists get their excerpt and counts from the row instead of the body and two subqueries.
-- Written by hand: the FTS triggers on "Article" go with the old table and are created again.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "listedAt" DATETIME NOT NULL,
    "section" TEXT,
    "dateline" TEXT,
    "agency" TEXT,
    "url" TEXT,
    "sourcePath" TEXT,
    "format" TEXT NOT NULL,
    "extractorVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "excerpt" TEXT NOT NULL DEFAULT '',
    "peopleCount" INTEGER NOT NULL DEFAULT 0,
    "quoteCount" INTEGER NOT NULL DEFAULT 0,
    "extra" TEXT,
    "body" TEXT NOT NULL
);
INSERT INTO "new_Article" ("seq", "id", "contentHash", "externalId", "title", "publishedAt", "listedAt", "section", "dateline", "agency", "url",
    "sourcePath", "format", "extractorVersion", "createdAt", "updatedAt", "excerpt", "peopleCount", "quoteCount", "extra", "body")
SELECT "seq", "id", "contentHash", "externalId", "title", "publishedAt", "listedAt", "section", "dateline", "agency", "url",
    "sourcePath", "format", "extractorVersion", "createdAt", "updatedAt", substr("body", 1, 280),
    (SELECT count(*) FROM "ArticlePerson" ap WHERE ap."articleSeq" = a."seq"),
    (SELECT count(*) FROM "Quote" q WHERE q."articleSeq" = a."seq"),
    "extra", "body"
FROM "Article" a;
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_id_key" ON "Article"("id");
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");
-- lists walk this index without touching the table
CREATE INDEX "Article_list_idx" ON "Article"("listedAt", "seq", "id", "title", "publishedAt", "section", "dateline", "agency", "url", "excerpt", "peopleCount", "quoteCount");
CREATE INDEX "Article_publishedAt_idx" ON "Article"("publishedAt");
CREATE INDEX "Article_section_listedAt_seq_idx" ON "Article"("section", "listedAt", "seq");
CREATE INDEX "Article_externalId_idx" ON "Article"("externalId");
CREATE INDEX "Article_url_idx" ON "Article"("url");
CREATE TRIGGER "Article_fts_ai" AFTER INSERT ON "Article" BEGIN
    INSERT INTO "ArticleFts"(rowid, title, body) VALUES (new."seq", new."title", new."body");
END;
CREATE TRIGGER "Article_fts_ad" AFTER DELETE ON "Article" BEGIN
    INSERT INTO "ArticleFts"("ArticleFts", rowid, title, body) VALUES ('delete', old."seq", old."title", old."body");
END;
CREATE TRIGGER "Article_fts_au" AFTER UPDATE OF "title", "body" ON "Article" BEGIN
    INSERT INTO "ArticleFts"("ArticleFts", rowid, title, body) VALUES ('delete', old."seq", old."title", old."body");
    INSERT INTO "ArticleFts"(rowid, title, body) VALUES (new."seq", new."title", new."body");
END;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
