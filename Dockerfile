# One image for the gateway and the four subgraphs; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources; esbuild (a dev dependency) bundles the IDE below.
RUN npm ci --include=dev && npm cache clean --force
COPY . .
RUN npx tsx gateway/ide/build.ts && chown -R node:node /app
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "--import", "tsx", "gateway/src/index.ts"]
