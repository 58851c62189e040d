-- Editors' corrections of single quotes (PATCH /quotes/:id, newsdesk quotes): the decisions, and on
-- each quote the decision that set its speaker.
CREATE TABLE "QuoteDecision" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "contentStart" INTEGER NOT NULL,
    "contentEnd" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "personId" TEXT,
    "speakerKey" TEXT,
    "speakerName" TEXT,
    "speakerType" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "QuoteDecision_articleId_idx" ON "QuoteDecision"("articleId");
CREATE INDEX "QuoteDecision_quoteId_idx" ON "QuoteDecision"("quoteId");

-- AlterTable: added in place (redefining Quote would drop its FTS triggers)
ALTER TABLE "Quote" ADD COLUMN "decisionSeq" INTEGER;
CREATE INDEX "Quote_decisionSeq_idx" ON "Quote"("decisionSeq");
