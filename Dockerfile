# syntax=docker/dockerfile:1
# Multi-stage: dependencies are installed in a build stage with the full toolchain; the runtime stage
# gets only production packages and the source, and runs as an unprivileged user.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package applies these on install (postinstall): see "Patched dependencies" in the README.
COPY patches ./patches
# Production dependencies only: the runtime stage runs the compiled JavaScript.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
# Type-checks everything (tests too), then compiles src/ to dist/ (`npm run build`).
RUN npx tsc --noEmit && npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json ./
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node drizzle ./drizzle
COPY --chown=node:node seeds ./seeds
# PGlite's data directory when DATABASE_URL is not set; owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# /healthz answers 200 when the database answers; Node's fetch avoids installing curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Signals go straight to Node (exec form), so SIGTERM from `docker stop` triggers the graceful shutdown.
CMD ["node", "dist/main.js"]
