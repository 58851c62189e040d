-- Full-text search and change notification (PostgreSQL). Prisma models the search tables
-- (schema.prisma: ArticleSearch, QuoteSearch) but not the text search configuration, the
-- functions or the triggers, which live here. SQLite's equivalents: FTS5 tables and PRAGMA data_version.

-- Words stemmed like FTS5's porter tokenizer, accents folded like its remove_diacritics, and no
-- stop words (FTS5 has none: "the who" finds the band on both databases). unaccent is a trusted
-- extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY newsdesk_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION newsdesk (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsdesk
  ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
  WITH unaccent, newsdesk_stem;

-- Title weighted A, body D: ts_rank_cd's default weights make a title word count ten times a body word, as bm25(10, 1) does on SQLite.
CREATE FUNCTION newsdesk_article_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ArticleSearch" ("seq", "search")
  VALUES (NEW."seq", setweight(to_tsvector('newsdesk', NEW."title"), 'A') || setweight(to_tsvector('newsdesk', NEW."body"), 'D'))
  ON CONFLICT ("seq") DO UPDATE SET "search" = EXCLUDED."search";
  RETURN NULL;
END $$;

CREATE FUNCTION newsdesk_quote_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "QuoteSearch" ("seq", "search") VALUES (NEW."seq", to_tsvector('newsdesk', NEW."content"))
  ON CONFLICT ("seq") DO UPDATE SET "search" = EXCLUDED."search";
  RETURN NULL;
END $$;

CREATE FUNCTION newsdesk_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DELETE FROM %I WHERE "seq" = $1', TG_ARGV[0]) USING OLD."seq";
  RETURN NULL;
END $$;

CREATE TRIGGER "Article_search_ai" AFTER INSERT ON "Article" FOR EACH ROW EXECUTE FUNCTION newsdesk_article_search();
CREATE TRIGGER "Article_search_au" AFTER UPDATE OF "title", "body" ON "Article" FOR EACH ROW EXECUTE FUNCTION newsdesk_article_search();
CREATE TRIGGER "Article_search_ad" AFTER DELETE ON "Article" FOR EACH ROW EXECUTE FUNCTION newsdesk_search_delete('ArticleSearch');
CREATE TRIGGER "Quote_search_ai" AFTER INSERT ON "Quote" FOR EACH ROW EXECUTE FUNCTION newsdesk_quote_search();
CREATE TRIGGER "Quote_search_au" AFTER UPDATE OF "content" ON "Quote" FOR EACH ROW EXECUTE FUNCTION newsdesk_quote_search();
CREATE TRIGGER "Quote_search_ad" AFTER DELETE ON "Quote" FOR EACH ROW EXECUTE FUNCTION newsdesk_search_delete('QuoteSearch');

-- Every committed change to what the API serves is announced on one channel. NOTIFY is delivered
-- after commit and once per transaction, so API processes drop cached answers and counts exactly
-- when a change becomes visible (src/db/pg/read-store.ts listens).
CREATE FUNCTION newsdesk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('newsdesk_data_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER "Article_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Article" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
CREATE TRIGGER "ArticlePerson_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ArticlePerson" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
CREATE TRIGGER "Person_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Person" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
CREATE TRIGGER "PersonAlias_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PersonAlias" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
CREATE TRIGGER "PersonRedirect_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PersonRedirect" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
CREATE TRIGGER "Quote_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Quote" FOR EACH STATEMENT EXECUTE FUNCTION newsdesk_notify_change();
