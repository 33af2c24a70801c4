# syntax=docker/dockerfile:1
# WritersRoom in one image: the app, PostgreSQL 15 with pgvector, one volume (/data), one port (8080).
#   docker build -t writersroom .
#   docker run -d --name writersroom -p 8080:8080 -v writersroom-data:/data --stop-timeout 60 writersroom
# See README.md, "Self-hosting".
#
# Base: Debian 12 (bookworm), the distribution the project's scripts and tests run on. .NET 10 ships no
# Debian images (its default tags are Ubuntu 24.04), so the app is published self-contained and needs only
# the runtime's native libraries from Debian.

# ---- 1. The browser editor bundle (only when WritersRoom.Web/ClientApp exists) -------------------------------
FROM node:20-bookworm-slim AS client
WORKDIR /src/WritersRoom.Web
COPY WritersRoom.Web/ ./
RUN if [ -f ClientApp/package.json ]; then \
      cd ClientApp && \
      if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi && \
      npm run build --if-present && \
      rm -rf node_modules; \
    fi

# ---- 2. The app, published self-contained for linux-x64 ------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Project files first, so the restore layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props appsettings.json ./
COPY WritersRoom.Core/WritersRoom.Core.csproj WritersRoom.Core/
COPY WritersRoom.Data/WritersRoom.Data.csproj WritersRoom.Data/
COPY WritersRoom.Web/WritersRoom.Web.csproj WritersRoom.Web/
RUN dotnet restore WritersRoom.Web/WritersRoom.Web.csproj -r linux-x64
COPY WritersRoom.Core/ WritersRoom.Core/
COPY WritersRoom.Data/ WritersRoom.Data/
COPY --from=client /src/WritersRoom.Web/ WritersRoom.Web/
RUN dotnet publish WritersRoom.Web/WritersRoom.Web.csproj -c Release -r linux-x64 --self-contained \
      --no-restore -o /out

# ---- 3. pgvector, built by the same function the dev set-up uses (scripts/lib.sh: ensure_pgvector) ----------
FROM debian:bookworm-slim AS pgvector
# Debian's postgresql package would create and start a default cluster; we create our own in /data.
RUN mkdir -p /etc/postgresql-common/createcluster.d && \
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/writersroom.conf
COPY scripts/lib.sh /src/scripts/lib.sh
RUN bash -c 'source /src/scripts/lib.sh && ensure_pgvector' && \
    mkdir -p /pgvector/lib /pgvector/extension /pgvector/bitcode && \
    cp /usr/lib/postgresql/15/lib/vector.so /pgvector/lib/ && \
    cp /usr/share/postgresql/15/extension/vector* /pgvector/extension/ && \
    if [ -d /usr/lib/postgresql/15/lib/bitcode/vector ]; then \
      cp -r /usr/lib/postgresql/15/lib/bitcode/vector /usr/lib/postgresql/15/lib/bitcode/vector.index.bc /pgvector/bitcode/; \
    fi

# ---- 4. The image ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim
RUN mkdir -p /etc/postgresql-common/createcluster.d && \
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/writersroom.conf && \
    apt-get update && \
    apt-get install -y --no-install-recommends \
      postgresql-15 postgresql-client-15 \
      ca-certificates curl tzdata libicu72 libssl3 zlib1g \
      fonts-liberation fonts-dejavu-core fonts-wqy-zenhei && \
    rm -rf /var/lib/apt/lists/*
COPY --from=pgvector /pgvector/lib/ /usr/lib/postgresql/15/lib/
COPY --from=pgvector /pgvector/extension/ /usr/share/postgresql/15/extension/
COPY --from=pgvector /pgvector/bitcode/ /usr/lib/postgresql/15/lib/bitcode/

# One non-root user runs everything, PostgreSQL included (it refuses to run as root anyway).
RUN groupadd --system --gid 10001 writersroom && \
    useradd --system --uid 10001 --gid writersroom --home-dir /data --shell /usr/sbin/nologin writersroom && \
    mkdir -p /data && chown writersroom:writersroom /data && chmod 700 /data

COPY --from=build /out/ /app/
COPY scripts/lib.sh /opt/writersroom/scripts/lib.sh
COPY deploy/ /opt/writersroom/deploy/
RUN chmod 755 /opt/writersroom/deploy/*.sh

ENV WR_DATA=/data \
    WR_APP_DIR=/app \
    ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    PATH=/opt/writersroom/deploy:$PATH

USER writersroom
WORKDIR /app
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["/opt/writersroom/deploy/healthcheck.sh"]
ENTRYPOINT ["/opt/writersroom/deploy/entrypoint.sh"]
CMD ["serve"]
