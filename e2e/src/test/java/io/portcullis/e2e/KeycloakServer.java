package io.portcullis.e2e;

import io.portcullis.fixtures.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A real Keycloak, started from the distribution Maven unpacked into {@code target/}, as a process on a
 * random loopback port with an in-memory database and the corp realm imported. Ready means the realm's
 * discovery document answers 200 (the port opens earlier). On a failed start the log is printed. Started
 * with the SSF transmitter and the AuthZEN PDP (experimental features).
 */
final class KeycloakServer implements AutoCloseable {

    static final Duration START_DEADLINE = Duration.ofMinutes(5);
    static final String REALM = "corp";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-password";
    /**
     * Every experimental feature any test needs, in the one start of the run: features are build-time
     * options, so a second set would cost a second Quarkus augmentation (20-30 s). DPoP needs none (a
     * default feature in 26.7).
     */
    static final String FEATURES = "ssf,authzen";

    private final Process process;
    private final Path log;
    final int port;

    private KeycloakServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static KeycloakServer start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak-26.7.3")).toAbsolutePath();
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no Keycloak at " + home + " (run through mvn verify, which unpacks it)");
        }
        script.toFile().setExecutable(true);
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/corp-realm.json")) {
            if (realm == null) {
                throw new IllegalStateException("corp-realm.json is not on the test class path");
            }
            Files.copy(realm, imports.resolve("corp-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = LoopbackPorts.free();
        Path log = home.resolve("kc.log");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=http://127.0.0.1:" + port,
                "--import-realm", "--features=" + FEATURES,
                // Both SPI options are read at start, not build, time: no second augmentation.
                // The realm's own test receivers listen on loopback http, which the transmitter refuses by default.
                "--spi-ssf-transmitter--default--allow-insecure-push-targets=true",
                // Pushes leave through an outbox drained every 30 s by default; a test would wait that long.
                "--spi-ssf-transmitter--default--outbox-drainer-interval=250ms")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String javaHome = System.getenv("KC_JAVA_HOME");
        builder.environment().put("JAVA_HOME", javaHome != null ? javaHome : System.getProperty("java.home"));
        // Its own temporary directory inside the unpacked distribution: Quarkus's Vert.x otherwise leaves
        // /tmp/vertx-cache behind on every machine the tests run on.
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + tmp);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakServer server = new KeycloakServer(builder.start(), log, port);
        try {
            server.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The port is not open yet.
            }
            // Polling a process we do not control: there is nothing to wait on but the clock.
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_DEADLINE + ":\n" + logText());
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        ProcessTree.stop(process, Duration.ofSeconds(30));
    }
}
