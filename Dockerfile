# syntax=docker/dockerfile:1
# Portcullis image: build the shaded jar with Maven, run it on a JRE as a non-root user.
# The runtime writes nothing outside /tmp, so it runs with a read-only root filesystem
# (compose: read_only + tmpfs /tmp; Kubernetes: readOnlyRootFilesystem + an emptyDir on /tmp).
#
# Reproducible: the jar's entry times are fixed by the pom (project.build.outputTimestamp), and
# BuildKit fixes the image's timestamps from SOURCE_DATE_EPOCH:
#   docker buildx build --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) \
#     --build-arg VCS_REF=$(git rev-parse --short=12 HEAD) --output type=docker,rewrite-timestamp=true -t portcullis .
# VCS_REF is the commit `--version` and portcullis_build_info report (.git is not in the build context).

FROM maven:3.9-eclipse-temurin-17 AS build
ARG VCS_REF=unknown
WORKDIR /src
COPY pom.xml ./
COPY config config
COPY policy policy
COPY src-test-fixtures src-test-fixtures
COPY identity identity
COPY proxy-core proxy-core
# Maven reads every module of the root pom, so all are copied; only the jar's modules are built
# (-pl proxy-core -am), not the benchmarks or the Keycloak end-to-end tests. The cache mount keeps
# ~/.m2 between builds without baking it into a layer. The .deb is not built here (-DskipDeb).
COPY benchmarks benchmarks
COPY e2e e2e
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp -pl proxy-core -am package -DskipTests -DskipDeb=true \
      -Dportcullis.commit=${VCS_REF}

FROM eclipse-temurin:17-jre
ARG VCS_REF=unknown
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="Portcullis" \
      org.opencontainers.image.description="Identity-aware reverse proxy: a Zero Trust policy enforcement point." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
# A fixed numeric uid/gid, so Kubernetes runAsNonRoot can verify it without a passwd lookup.
RUN groupadd --system --gid 10001 portcullis \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin portcullis
WORKDIR /app
COPY LICENSE /app/LICENSE
COPY --from=build /src/proxy-core/target/portcullis.jar /app/portcullis.jar
COPY deploy/docker/healthcheck.sh /app/healthcheck.sh
USER 10001:10001
# 8080: data plane; 9901: admin listener (/metrics, /healthz, /readyz, /policies), keep it private.
EXPOSE 8080 9901
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "/app/healthcheck.sh", "9901", "/healthz"]
# Memory (docs/deployment.md, "Memory"): heap 55% of the container limit + direct buffers capped at
# 64 MiB + the JVM's own ~125 MiB stay inside a 512 MiB limit. Without the cap, direct memory may grow
# as large as the heap, and the container is killed instead of a request failing.
# Netty extracts its native epoll library to java.io.tmpdir: /tmp is the one writable place.
# MetaspaceSize: the proxy's class metadata (~30 MB) crosses the default first threshold (~21 MB) a few
# seconds after start, which costs a full collection (41-135 ms in the load harness's GC logs).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=55", "-XX:MaxDirectMemorySize=64m", "-XX:MetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/portcullis.jar"]
CMD ["serve", "--config", "/etc/portcullis/portcullis.yaml"]
