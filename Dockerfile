# syntax=docker/dockerfile:1
# The temporal-auth CLI as an image, for container-based CI:
#   docker build -t temporal-auth .
#   docker run --rm -v "$PWD:/work" temporal-auth validate temporal-auth.yaml
# The working directory is /work; the process runs as the image's unprivileged
# node user (uid 1000): mount the repository readable (and writable for
# render) by it, or pass --user "$(id -u):$(id -g)".
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the package's prepare (the build) needs the sources, copied next.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN node scripts/build.mjs --no-types \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf dist/.cache dist/*.map

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/temporal-auth
COPY --from=build /src/package.json ./
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY --from=build /src/schemas ./schemas
COPY --from=build /src/node_modules ./node_modules
RUN ln -s /opt/temporal-auth/bin/temporal-auth.js /usr/local/bin/temporal-auth
# The node user of the official image, by number (a name may not resolve on the host).
USER 1000:1000
WORKDIR /work
ENTRYPOINT ["temporal-auth"]
CMD ["--help"]
