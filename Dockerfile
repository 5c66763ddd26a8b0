# syntax=docker/dockerfile:1
# Portcullis image: build the shaded jar with Maven, run it on a JRE as a non-root user.
# The runtime writes nothing outside /tmp, so it runs with a read-only root filesystem
# (compose: read_only + tmpfs /tmp; Kubernetes: readOnlyRootFilesystem + an emptyDir on /tmp).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY config config
COPY policy policy
COPY src-test-fixtures src-test-fixtures
COPY identity identity
COPY proxy-core proxy-core
COPY e2e e2e
# Maven reads every module of the root pom, so all are copied; only the jar's modules are built
# (-pl proxy-core -am), not the benchmarks or the Keycloak end-to-end tests. The cache mount keeps
# ~/.m2 between builds without baking it into a layer.
COPY benchmarks benchmarks
COPY e2e e2e
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp -pl proxy-core -am package -DskipTests

FROM eclipse-temurin:17-jre
# A fixed numeric uid/gid, so Kubernetes runAsNonRoot can verify it without a passwd lookup.
RUN groupadd --system --gid 10001 portcullis \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin portcullis
WORKDIR /app
COPY --from=build /src/proxy-core/target/portcullis.jar /app/portcullis.jar
COPY deploy/docker/healthcheck.sh /app/healthcheck.sh
USER 10001:10001
# 8080: data plane; 9901: admin listener (/metrics, /healthz, /readyz, /policies), keep it private.
EXPOSE 8080 9901
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "/app/healthcheck.sh", "9901", "/healthz"]
# Netty extracts its native epoll library to java.io.tmpdir: /tmp is the one writable place.
# MetaspaceSize: the proxy's class metadata (~30 MB) crosses the default first threshold (~21 MB) a few
# seconds after start, which costs a full collection (41-135 ms in the load harness's GC logs).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/app/portcullis.jar"]
CMD ["serve", "--config", "/etc/portcullis/portcullis.yaml"]
