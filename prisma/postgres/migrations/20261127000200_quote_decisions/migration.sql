-- Editors' corrections of single quotes (PATCH /quotes/:id, newsdesk quotes): the decisions, and on
-- each quote the decision that set its speaker.
CREATE TABLE "QuoteDecision" (
    "seq" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuoteDecision_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "QuoteDecision_articleId_idx" ON "QuoteDecision"("articleId");
CREATE INDEX "QuoteDecision_quoteId_idx" ON "QuoteDecision"("quoteId");

ALTER TABLE "Quote" ADD COLUMN "decisionSeq" INTEGER;
CREATE INDEX "Quote_decisionSeq_idx" ON "Quote"("decisionSeq");
