# Sheetsmith's container image.
#
#   docker build -t sheetsmith .                          # builds from source (Maven stage), runs on a JRE
#   podman build --format docker -t sheetsmith .          # --format docker keeps the HEALTHCHECK
#
# Build arguments: BASE (the JRE image the server runs on), BUILD_BASE (an image with Maven and a
# JDK 17 for the build stage), VERSION (the OCI version label; e.g. the Maven project version).
# Target `prebuilt` takes server/target/sheetsmith.jar built outside instead (mvn -B package):
#   podman build --format docker --target prebuilt -t sheetsmith .
# See README, "Container image", for running it and the first admin key.
ARG BUILD_BASE=maven:3.9-eclipse-temurin-17
ARG BASE=eclipse-temurin:17-jre

FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package && cp server/target/sheetsmith.jar /sheetsmith.jar

FROM ${BASE} AS runtime
ARG VERSION=dev
LABEL org.opencontainers.image.title="Sheetsmith" \
      org.opencontainers.image.description="Self-hosted spreadsheet tool server for AI assistants (MCP, OpenAPI)" \
      org.opencontainers.image.version="${VERSION}"
# A user of its own (no useradd needed, so any Debian- or Ubuntu-based JRE image will do).
RUN echo 'sheetsmith:x:10001:10001:Sheetsmith:/data:/usr/sbin/nologin' >>/etc/passwd \
 && echo 'sheetsmith:x:10001:' >>/etc/group \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
COPY config.yml /app/config.yml
COPY deploy/container/sheetsmith /app/sheetsmith
# In a container the ports must listen beyond loopback: /mcp refuses to start so until an API key
# exists (see README, "Container image"); the admin port is for probes and scrapers, so Dropwizard's
# tasks are off. Everything else is the ordinary SHEETSMITH_* configuration.
ENV SHEETSMITH_BIND_HOST=0.0.0.0 \
    SHEETSMITH_ADMIN_BIND_HOST=0.0.0.0 \
    SHEETSMITH_ADMIN_TASKS=false \
    SHEETSMITH_DB_URL=jdbc:h2:file:/data/sheetsmith \
    SHEETSMITH_FILES_DIR=/data/files \
    SHEETSMITH_PLUGINS_DIR=/data/plugins \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 9080 9081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/app/sheetsmith", "healthcheck"]
ENTRYPOINT ["/app/sheetsmith"]
CMD ["server"]

# The jar built outside (CI, or after mvn -B package).
FROM runtime AS prebuilt
COPY server/target/sheetsmith.jar /app/sheetsmith.jar

# The default: the jar from the build stage.
FROM runtime AS app
COPY --from=build /sheetsmith.jar /app/sheetsmith.jar
