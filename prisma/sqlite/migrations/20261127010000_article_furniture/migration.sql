-- Page furniture (ads, links, captions, credits, bylines, repeated headlines, topic labels) found
-- in each body: JSON [{start, end, kind}]. Added in place: redefining the table would drop its FTS triggers.
ALTER TABLE "Article" ADD COLUMN "furniture" TEXT NOT NULL DEFAULT '[]';
