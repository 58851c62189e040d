# Newsdesk: the API and the `newsdesk` CLI on Node 22 LTS (the project itself supports Node 20.19+),
# SQLite on a volume at /app/data, running as the image's non-root `node` user.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY src ./src
COPY scripts ./scripts
COPY bin ./bin
# postinstall generates the Prisma client into src/generated; prepare compiles it with src and scripts into dist/
RUN npm ci --no-audit --no-fund
# drop dev dependencies (the compiler too: --ignore-scripts keeps prepare from building again)
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATABASE_URL=file:/app/data/newsdesk.db
# only what runs: compiled code (the Prisma client included, in dist/src/generated), production
# modules, migrations and sample data, the bin, and the data files extraction reads at run time
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/bin ./bin
COPY --from=build /app/src/extraction/lexicon/*.txt ./src/extraction/lexicon/
COPY --from=build /app/src/extraction/tagger/model.json ./src/extraction/tagger/
COPY --from=build /app/src/extraction/version.json /app/src/extraction/calibration.json ./src/extraction/
# `newsdesk ingest /input` on the PATH; the data folder (and a fresh named volume over it) owned by `node`
RUN ln -s /app/bin/newsdesk.js /usr/local/bin/newsdesk && mkdir -p /app/data /input && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
