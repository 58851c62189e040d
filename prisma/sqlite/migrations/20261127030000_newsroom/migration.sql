-- Newsroom features (issue 12): organisations and groups as addressable speakers, quotes sorted
-- by confidence, a change feed ordered by update time, and articles filtered by agency.

-- The URL key of an organisation or group speaker ('' when the speaker as written names nobody:
-- "It", "the company"). Computed in TypeScript (speakers/speaker-key.ts): the ingest writer sets
-- it, and the migration runner fills it for existing quotes right after this migration.
ALTER TABLE "Quote" ADD COLUMN "speakerKey" TEXT;

CREATE INDEX "Quote_speakerKey_listedAt_seq_idx" ON "Quote"("speakerKey", "listedAt", "seq");
CREATE INDEX "Quote_confidence_seq_idx" ON "Quote"("confidence", "seq");
CREATE INDEX "Quote_speakerType_listedAt_seq_idx" ON "Quote"("speakerType", "listedAt", "seq");
CREATE INDEX "Article_updatedAt_seq_idx" ON "Article"("updatedAt", "seq");
CREATE INDEX "Article_agency_listedAt_seq_idx" ON "Article"("agency", "listedAt", "seq");
