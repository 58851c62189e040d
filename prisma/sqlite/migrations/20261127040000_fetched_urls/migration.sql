-- Web ingest (issue 14): what was fetched from each URL, so that fetching it again is a
-- conditional request (If-None-Match / If-Modified-Since) and an unchanged page is not downloaded.
CREATE TABLE "FetchedUrl" (
    "url" TEXT NOT NULL PRIMARY KEY,
    "finalUrl" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "articleUrl" TEXT,
    "fetchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
