# syntax=docker/dockerfile:1
# report-worker: multi-stage build on Node 20 slim; the final image holds the
# compiled app and production dependencies only, and runs as a non-root user.

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:20-slim AS runtime
# V8 sizes its heap from the host's memory, not the container's, and grows it
# lazily; a cap keeps the resident set near what renders really hold (their
# live heap stays small: rows stream). Size it to about 70 % of the container.
ENV NODE_ENV=production \
    PORT=8080 \
    NODE_OPTIONS=--max-old-space-size=384
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The official image's unprivileged user.
USER node
EXPOSE 8080
# Cloud Run sends SIGTERM and waits 10 s; the worker drains within SHUTDOWN_GRACE_MS (8 s).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/report-worker/src/main.js"]
