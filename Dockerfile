# Image for the API and worker services of docker-compose.yml.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.json ./
COPY packages ./packages
COPY fixtures ./fixtures
# The golden set evaluation runs (/api/v1/eval/runs) score against.
COPY golden ./golden
# npm install, not npm ci: the lock file has no entries for the Biome binaries of other platforms (the registry
# it was made against does not carry them), which npm ci refuses; the versions are still the locked ones.
RUN npm install --no-audit --no-fund && npx turbo run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production TURBO_TELEMETRY_DISABLED=1
# pdftotext is one of the emulated ATS suite's text extractors (evaluation runs in the worker).
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 8080
# The V8 flags of packages/api/src/runtime/node-flags.ts (tests/docker-compose.test.ts keeps the two in step).
ENTRYPOINT ["node", "--max-semi-space-size=32", "packages/api/dist/cli/main.js"]
CMD ["serve"]
