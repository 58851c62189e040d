-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Article" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "externalId" TEXT,
    "title" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "listedAt" TIMESTAMP(3) NOT NULL,
    "section" TEXT,
    "dateline" TEXT,
    "agency" TEXT,
    "url" TEXT,
    "sourcePath" TEXT,
    "format" TEXT NOT NULL,
    "extractorVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "excerpt" TEXT NOT NULL DEFAULT '',
    "peopleCount" INTEGER NOT NULL DEFAULT 0,
    "quoteCount" INTEGER NOT NULL DEFAULT 0,
    "extra" TEXT,
    "body" TEXT NOT NULL,
    "furniture" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "Article_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "articleCount" INTEGER NOT NULL DEFAULT 0,
    "mentionCount" INTEGER NOT NULL DEFAULT 0,
    "quoteCount" INTEGER NOT NULL DEFAULT 0,
    "firstSeen" TIMESTAMP(3),
    "lastSeen" TIMESTAMP(3),

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonAlias" (
    "personId" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "aliasLower" TEXT NOT NULL,

    CONSTRAINT "PersonAlias_pkey" PRIMARY KEY ("personId","alias")
);

-- CreateTable
CREATE TABLE "ArticleEntity" (
    "articleSeq" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "titles" TEXT NOT NULL,
    "aliases" TEXT NOT NULL,
    "mentionCount" INTEGER NOT NULL,
    "mentions" TEXT NOT NULL,
    "joinOnly" BOOLEAN NOT NULL DEFAULT false,
    "speakerType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "personId" TEXT,
    "surnameKey" TEXT,
    "givenKey" TEXT,
    "personKey" TEXT,

    CONSTRAINT "ArticleEntity_pkey" PRIMARY KEY ("articleSeq","position")
);

-- CreateTable
CREATE TABLE "PersonRedirect" (
    "fromKey" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonRedirect_pkey" PRIMARY KEY ("fromKey")
);

-- CreateTable
CREATE TABLE "IdentityBacklog" (
    "key" TEXT NOT NULL,

    CONSTRAINT "IdentityBacklog_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "IdentityDecision" (
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "person" TEXT NOT NULL,
    "into" TEXT,
    "name" TEXT,
    "articles" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityDecision_pkey" PRIMARY KEY ("seq")
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

    CONSTRAINT "ArticlePerson_pkey" PRIMARY KEY ("articleSeq","personId")
);

-- CreateTable
CREATE TABLE "Quote" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "articleSeq" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "personId" TEXT,
    "speakerEntity" INTEGER,
    "speakerName" TEXT NOT NULL,
    "speakerType" TEXT NOT NULL,
    "speakerKey" TEXT,
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
    "confidence" DOUBLE PRECISION NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "listedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "FetchedUrl" (
    "url" TEXT NOT NULL,
    "finalUrl" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "articleUrl" TEXT,
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FetchedUrl_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "ArticleSearch" (
    "seq" INTEGER NOT NULL,
    "search" tsvector NOT NULL,

    CONSTRAINT "ArticleSearch_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "QuoteSearch" (
    "seq" INTEGER NOT NULL,
    "search" tsvector NOT NULL,

    CONSTRAINT "QuoteSearch_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_id_key" ON "Article"("id");

-- CreateIndex
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");

-- CreateIndex
CREATE INDEX "Article_list_idx" ON "Article"("listedAt", "seq", "id", "title", "publishedAt", "section", "dateline", "agency", "url", "excerpt", "peopleCount", "quoteCount");

-- CreateIndex
CREATE INDEX "Article_publishedAt_idx" ON "Article"("publishedAt");

-- CreateIndex
CREATE INDEX "Article_section_listedAt_seq_idx" ON "Article"("section", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "Article_externalId_idx" ON "Article"("externalId");

-- CreateIndex
CREATE INDEX "Article_url_idx" ON "Article"("url");

-- CreateIndex
CREATE INDEX "Article_updatedAt_seq_idx" ON "Article"("updatedAt", "seq");

-- CreateIndex
CREATE INDEX "Article_agency_listedAt_seq_idx" ON "Article"("agency", "listedAt", "seq");

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
CREATE INDEX "ArticleEntity_personId_idx" ON "ArticleEntity"("personId");

-- CreateIndex
CREATE INDEX "ArticleEntity_status_name_idx" ON "ArticleEntity"("status", "name");

-- CreateIndex
CREATE INDEX "ArticleEntity_surnameKey_idx" ON "ArticleEntity"("surnameKey");

-- CreateIndex
CREATE INDEX "ArticleEntity_givenKey_idx" ON "ArticleEntity"("givenKey");

-- CreateIndex
CREATE INDEX "ArticleEntity_personKey_idx" ON "ArticleEntity"("personKey");

-- CreateIndex
CREATE INDEX "PersonRedirect_personId_idx" ON "PersonRedirect"("personId");

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

-- CreateIndex
CREATE INDEX "Quote_speakerKey_listedAt_seq_idx" ON "Quote"("speakerKey", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "Quote_confidence_seq_idx" ON "Quote"("confidence", "seq");

-- CreateIndex
CREATE INDEX "Quote_speakerType_listedAt_seq_idx" ON "Quote"("speakerType", "listedAt", "seq");

-- CreateIndex
CREATE INDEX "ArticleSearch_search_idx" ON "ArticleSearch" USING GIN ("search");

-- CreateIndex
CREATE INDEX "QuoteSearch_search_idx" ON "QuoteSearch" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "PersonAlias" ADD CONSTRAINT "PersonAlias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleEntity" ADD CONSTRAINT "ArticleEntity_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleEntity" ADD CONSTRAINT "ArticleEntity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticlePerson" ADD CONSTRAINT "ArticlePerson_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticlePerson" ADD CONSTRAINT "ArticlePerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_articleSeq_fkey" FOREIGN KEY ("articleSeq") REFERENCES "Article"("seq") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

