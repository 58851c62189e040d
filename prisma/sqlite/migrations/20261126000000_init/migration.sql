-- CreateTable
CREATE TABLE "Article" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "publishedAt" DATETIME,
    "listedAt" DATETIME NOT NULL,
    "section" TEXT,
    "dateline" TEXT,
    "agency" TEXT,
    "url" TEXT,
    "sourcePath" TEXT,
    "format" TEXT NOT NULL,
    "extra" TEXT,
    "extractorVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "articleCount" INTEGER NOT NULL DEFAULT 0,
    "mentionCount" INTEGER NOT NULL DEFAULT 0,
    "quoteCount" INTEGER NOT NULL DEFAULT 0,
    "firstSeen" DATETIME,
    "lastSeen" DATETIME
);

-- CreateTable
CREATE TABLE "PersonAlias" (
    "personId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "aliasLower" TEXT NOT NULL,

    PRIMARY KEY ("personId", "alias"),
    CONSTRAINT "PersonAlias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArticlePerson" (
    "articleSeq" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT,
    "titles" TEXT NOT NULL,
    "aliases" TEXT NOT NULL,
    "mentionCount" INTEGER NOT NULL,
    "mentions" TEXT NOT NULL,

    PRIMARY KEY ("articleSeq", "personId"),
    CONSTRAINT "ArticlePerson_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article" ("seq") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticlePerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Quote" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "articleSeq" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "personId" TEXT,
    "speakerName" TEXT NOT NULL,
    "speakerType" TEXT NOT NULL,
    "speakerText" TEXT,
    "speakerStart" INTEGER,
    "speakerEnd" INTEGER,
    "cue" TEXT NOT NULL,
    "cueStart" INTEGER,
    "cueEnd" INTEGER,
    "kind" TEXT NOT NULL,
    "via" TEXT,
    "content" TEXT NOT NULL,
    "contentStart" INTEGER NOT NULL,
    "contentEnd" INTEGER NOT NULL,
    "parts" TEXT NOT NULL DEFAULT '[]',
    "sentenceStart" INTEGER NOT NULL,
    "sentenceEnd" INTEGER NOT NULL,
    "sentence" TEXT NOT NULL,
    "confidence" REAL NOT NULL,
    "publishedAt" DATETIME,
    "listedAt" DATETIME NOT NULL,
    CONSTRAINT "Quote_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article" ("seq") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Quote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_id_key" ON "Article"("id");

-- CreateIndex
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");

-- CreateIndex
CREATE INDEX "Article_listedAt_seq_idx" ON "Article"("listedAt", "seq");

-- CreateIndex
CREATE INDEX "Article_publishedAt_idx" ON "Article"("publishedAt");

-- CreateIndex
CREATE INDEX "Article_section_listedAt_seq_idx" ON "Article"("section", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "Article_externalId_idx" ON "Article"("externalId");

-- CreateIndex
CREATE INDEX "Article_url_idx" ON "Article"("url");

-- CreateIndex
CREATE UNIQUE INDEX "Person_slug_key" ON "Person"("slug");

-- CreateIndex
CREATE INDEX "Person_nameLower_id_idx" ON "Person"("nameLower", "id");

-- CreateIndex
CREATE INDEX "Person_name_id_idx" ON "Person"("name", "id");

-- CreateIndex
CREATE INDEX "Person_articleCount_id_idx" ON "Person"("articleCount", "id");

-- CreateIndex
CREATE INDEX "Person_mentionCount_id_idx" ON "Person"("mentionCount", "id");

-- CreateIndex
CREATE INDEX "Person_quoteCount_id_idx" ON "Person"("quoteCount", "id");

-- CreateIndex
CREATE INDEX "PersonAlias_aliasLower_idx" ON "PersonAlias"("aliasLower");

-- CreateIndex
CREATE INDEX "ArticlePerson_personId_articleSeq_idx" ON "ArticlePerson"("personId", "articleSeq");

-- CreateIndex
CREATE UNIQUE INDEX "Quote_id_key" ON "Quote"("id");

-- CreateIndex
CREATE INDEX "Quote_articleSeq_position_idx" ON "Quote"("articleSeq", "position");

-- CreateIndex
CREATE INDEX "Quote_personId_listedAt_seq_idx" ON "Quote"("personId", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "Quote_listedAt_seq_idx" ON "Quote"("listedAt", "seq");

-- CreateIndex
CREATE INDEX "Quote_kind_listedAt_seq_idx" ON "Quote"("kind", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "Quote_speakerName_idx" ON "Quote"("speakerName");

