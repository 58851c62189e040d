-- Full-text search (SQLite FTS5). Prisma has no FTS model type, so these tables and the triggers
-- that keep them in step with their content tables live here. External-content tables store only
-- the index; the text stays in "Article"/"Quote", addressed by their INTEGER PRIMARY KEY "seq"
-- (which, unlike an implicit rowid, VACUUM never renumbers).

CREATE VIRTUAL TABLE "ArticleFts" USING fts5(
    title, body,
    content='Article', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);

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

CREATE VIRTUAL TABLE "QuoteFts" USING fts5(
    content,
    content='Quote', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Quote_fts_ai" AFTER INSERT ON "Quote" BEGIN
    INSERT INTO "QuoteFts"(rowid, content) VALUES (new."seq", new."content");
END;

CREATE TRIGGER "Quote_fts_ad" AFTER DELETE ON "Quote" BEGIN
    INSERT INTO "QuoteFts"("QuoteFts", rowid, content) VALUES ('delete', old."seq", old."content");
END;

CREATE TRIGGER "Quote_fts_au" AFTER UPDATE OF "content" ON "Quote" BEGIN
    INSERT INTO "QuoteFts"("QuoteFts", rowid, content) VALUES ('delete', old."seq", old."content");
    INSERT INTO "QuoteFts"(rowid, content) VALUES (new."seq", new."content");
END;
