-- Quote lists hide unsure quotes by default (confidence below QUOTE_MIN_CONFIDENCE, or a speaker that
-- is neither a person nor a named organisation or group): this index holds every column of that
-- filter, so the capped count of the default list is read from the index alone.
CREATE INDEX "Quote_confidence_personId_speakerType_speakerKey_idx" ON "Quote"("confidence", "personId", "speakerType", "speakerKey");
