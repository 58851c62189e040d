-- Undated articles (and their quotes) are listed after every dated one in newest-first order:
-- their list key becomes 0001-01-01 instead of the time they were ingested.
UPDATE "Article" SET "listedAt" = '0001-01-01T00:00:00.000+00:00' WHERE "publishedAt" IS NULL;
UPDATE "Quote" SET "listedAt" = '0001-01-01T00:00:00.000+00:00' WHERE "publishedAt" IS NULL;

-- Excerpts on one line, cut at a word boundary with an ellipsis (as ingest now writes them).
-- rtrim(e, <e without spaces>) drops the last partial word: it trims every non-space character from the right.
UPDATE "Article" SET "excerpt" = trim(replace(replace(replace(replace("excerpt", char(13), ' '), char(10), ' '), char(9), ' '), '  ', ' '));
UPDATE "Article" SET "excerpt" = rtrim(rtrim("excerpt", replace("excerpt", ' ', '')), ' ,;:-') || '…'
  WHERE length("body") > 280 AND "excerpt" NOT LIKE '%…' AND instr("excerpt", ' ') > 0;
