# syntax=docker/dockerfile:1
# One Dockerfile, one target per process; all targets share every layer but the last:
#   docker build --target search-api          -t catalog-search/search-api .
#   docker build --target indexer             -t catalog-search/indexer .
#   docker build --target inventory-simulator -t catalog-search/inventory-simulator .
#   docker build --target tools               -t catalog-search/tools .   # reindex CLI, topology setup
# The runtime is distroless (no shell, no package manager) and runs as the numeric user 65532, so that
# Kubernetes' runAsNonRoot can verify it. Our TypeScript is bundled by esbuild into bin/*.mjs; third-party
# packages come from a production-only `npm ci`.

ARG NODE_IMAGE=node:20-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs20-debian12:nonroot

# Production dependencies only (better-sqlite3 compiles here when no prebuilt binary fits).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY contract/package.json contract/
COPY mappings/package.json mappings/
COPY stack/package.json stack/
COPY inventory-simulator/package.json inventory-simulator/
COPY indexer/package.json indexer/
COPY search-api/package.json search-api/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Full install (esbuild via tsx) and the bundle: bin/<entry>.mjs plus the files modules read beside them.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY contract/package.json contract/
COPY mappings/package.json mappings/
COPY stack/package.json stack/
COPY inventory-simulator/package.json inventory-simulator/
COPY indexer/package.json indexer/
COPY search-api/package.json search-api/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY contract/ contract/
COPY mappings/ mappings/
COPY stack/src/ stack/src/
COPY inventory-simulator/src/ inventory-simulator/src/
COPY indexer/src/ indexer/src/
COPY search-api/src/ search-api/src/
COPY deploy/image/ deploy/image/
RUN npx tsx deploy/image/bundle-cli.ts --out /out && mkdir -p /empty

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /out/ ./
USER 65532:65532

FROM runtime AS search-api
EXPOSE 3000
CMD ["bin/search-api.mjs"]

FROM runtime AS indexer
EXPOSE 4100
CMD ["bin/indexer.mjs"]

# The SQLite master and its outbox live on a volume (a PersistentVolumeClaim in Kubernetes); /data is
# owned by the runtime user so that a fresh named volume is writable too.
FROM runtime AS inventory-simulator
COPY --from=build --chown=65532:65532 /empty /data
ENV INVENTORY_DB_PATH=/data/inventory.sqlite
EXPOSE 4000
CMD ["bin/inventory-simulator.mjs"]

# `docker run catalog-search/tools bin/reindex.mjs --help`; the default is the idempotent topology setup.
FROM runtime AS tools
CMD ["bin/setup-topology.mjs"]
