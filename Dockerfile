# syntax=docker/dockerfile:1
# Quire's container image: compiled in a build stage, production dependencies installed in a deps stage (which has
# the compilers native modules may need), run as an unprivileged user in a slim runtime stage.
# Not run where it was written (no Docker engine there): see docs/deploy.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile the TypeScript. --ignore-scripts: `prepare` (tsc) cannot run before the sources are copied; the
#    compiler needs no native module.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY themes ./themes
RUN npm run build

# 2. Production dependencies only. `prepare` runs tsc, a dev dependency, so every script is skipped and the two
#    native modules are built on their own (prebuilt binaries when they fit, else compiled with the tools below).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
  && npm rebuild better-sqlite3 argon2 \
  && npm cache clean --force

# 3. What runs: node, the compiled code, production node_modules, the theme's static assets.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /opt/quire
RUN groupadd --system quire \
  && useradd --system --gid quire --home-dir /nonexistent --shell /usr/sbin/nologin quire \
  && mkdir /data && chown quire:quire /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY themes/default/assets ./themes/default/assets

# SQLite database, secret key, uploads: one volume. HOST=0.0.0.0 so that other containers (nginx) reach it.
ENV QUIRE_DATA_DIR=/data HOST=0.0.0.0 PORT=3000
VOLUME ["/data"]
EXPOSE 3000
USER quire

# No curl in the slim image: node's own fetch asks /healthz (200 while the database answers, 503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM (docker stop) ends Quire gracefully: in-flight requests and jobs finish, then it exits 0.
STOPSIGNAL SIGTERM
CMD ["node", "bin/quire.js", "serve"]
