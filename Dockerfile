# One production image for the gateway, the four subgraphs and the operational commands; the
# command picks the process:
#   node dist/gateway.js | providers.js | applications.js | security.js | supervision.js
#   node dist/migrate.js | seed.js | db-roles.js | audit-verify.js | import-monitoring.js FILE
# docker-compose.yml and deploy/k8s run it so; docs/deployment.md tells the rest.

# 1. Build: every dependency, then `npm run build` compiles the TypeScript into dist/ (esbuild
#    bundles; the SDL, supergraph, trusted-document manifest and the IDE copied beside them).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only: no TypeScript, esbuild, test or IDE-building packages.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs: compiled JavaScript, production node_modules, package.json (ESM), nothing else.
FROM node:20-bookworm-slim
# Stack traces name the TypeScript sources without --enable-source-maps: the bundles map them
# lazily (scripts/build.ts), so no process reads every package's source map as it starts.
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/dist ./dist
# The files belong to root and are read-only to the process, which runs as the unprivileged
# `node` user (uid 1000) and writes nothing but its logs to stdout.
USER node
EXPOSE 4000 4001 4002 4003 4004
# Readiness of whichever process PID 1 is (gateway: every subgraph answers; a subgraph: its
# database answers); a one-shot command counts as healthy (scripts/healthcheck.ts).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "dist/healthcheck.js"]
CMD ["node", "dist/gateway.js"]
