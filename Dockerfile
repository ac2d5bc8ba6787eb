# syntax=docker/dockerfile:1
# One image for every Guichet service (gateway, subgraphs, witness, development IdP, simulators); the command picks the
# service: `node dist/scripts/service.js <name>` (the names of scripts/stack/service-catalog.ts), or the service's own
# entry (`node dist/gateway/main.js`), which is what the Kubernetes manifests run. docs/deployment.md says how to build
# and run it. No HEALTHCHECK: Kubernetes probes /ready and /health itself.

# Build and run on the same Node release, so that better-sqlite3's native module matches the runtime's ABI.
ARG NODE_VERSION=20.20.2

# --- build: every dependency (TypeScript, the native better-sqlite3 build), the build, then production modules only.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# The full bookworm image has python3, make and g++, which node-gyp needs when no prebuilt better-sqlite3 fits.
COPY package.json package-lock.json ./
# `npm rebuild` runs the native build even where an npm version holds install scripts back; the require then fails the
# build here rather than a service at start-up.
RUN npm ci --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"

# --- runtime: Node and the built service only; no compiler, no sources, no development modules, no secrets.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Production by default: every service then refuses its development secrets, so a forgotten variable fails at start
# (exit 2) instead of running with a published key. Containers listen on every interface; one gateway process per
# container (replicas scale it, not cluster workers).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    WORKERS=1
WORKDIR /app
# A fixed, numeric, unprivileged user: Kubernetes' runAsNonRoot can check it, and volumes can be given to it (fsGroup).
RUN groupadd --system --gid 10001 guichet \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin guichet \
 && mkdir -p /data \
 && chown 10001:10001 /data
# Owned by root and read-only for the service: it cannot rewrite its own code. The package root holds package.json
# (services find their defaults from it), the committed supergraph and the trusted documents the gateway loads.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema/supergraph.graphql ./schema/supergraph.graphql
COPY --from=build /app/clients/trusted-documents.json ./clients/trusted-documents.json
USER 10001:10001
# Writable state (SQLite stores, the audit trail, keys) goes to /data, a volume; everything else is read-only.
VOLUME ["/data"]
EXPOSE 4000 4101 4102 4103 4104 4105 4106 4107 4201 4202 4203 4204 4300 4310
CMD ["node", "dist/scripts/service.js", "gateway"]
