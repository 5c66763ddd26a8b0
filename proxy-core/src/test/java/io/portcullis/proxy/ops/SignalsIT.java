package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.proxy.ProxyFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar in its own process, sent real signals: SIGHUP reloads (and the log says how it
 * ended), also under {@code nohup} through the packaged launcher; started with {@code nohup java}
 * directly, where the JVM cannot take SIGHUP back, it says so; {@code dev} stopped by SIGTERM leaves no
 * temporary directory.
 */
class SignalsIT {

    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;
    private EchoUpstream upstream;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void upstream() {
        upstream = EchoUpstream.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        upstream.close();
    }

    private Path config() throws IOException {
        Path file = dir.resolve("portcullis.yaml");
        Files.writeString(file, ProxyFixture.PUBLIC_APP.replace("${UPSTREAM}", upstream.url()));
        return file;
    }

    private static Path jar() {
        return Path.of(System.getProperty("portcullis.target", "target")).resolve("portcullis.jar");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(Path log, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORTCULLIS_JAR", jar().toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (out.contains(text)) {
                return out;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never logged '" + text + "':\n" + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void signal(String name, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), "kill -" + name + " " + p.pid());
    }

    private static boolean envResetsSignals() throws Exception {
        Process p = new ProcessBuilder("env", "--default-signal=HUP", "true").start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void sighupReloadsAndTheLogSaysTheOutcome() throws Exception {
        Path log = dir.resolve("serve.log");
        Process p = start(log, List.of(java(), "-jar", jar().toString(), "serve", "--config", config().toString()));
        awaitLine(log, "portcullis listening on");
        signal("HUP", p);
        awaitLine(log, "SIGHUP: reloading config");
        String out = awaitLine(log, "config reload unchanged: ");
        assertFalse(out.contains("SIGHUP is ignored"), out);
        assertTrue(p.isAlive(), "SIGHUP does not stop it");
    }

    @Test
    void underNohupThePackagedLauncherStillReloadsOnSighup() throws Exception {
        assumeTrue(envResetsSignals(), "env --default-signal (coreutils 8.31+) is missing: the launcher cannot reset SIGHUP here");
        Path launcher = RepoFiles.path("deploy/debian/portcullis");
        Path log = dir.resolve("nohup-launcher.log");
        Process p = start(log, List.of("nohup", "sh", launcher.toString(), "serve", "--config", config().toString()));
        awaitLine(log, "portcullis listening on");
        signal("HUP", p);
        String out = awaitLine(log, "config reload unchanged: ");
        assertFalse(out.contains("SIGHUP is ignored"), out);
        assertTrue(p.isAlive());
    }

    @Test
    void underNohupTheJarSaysSighupCannotReload() throws Exception {
        Path log = dir.resolve("nohup-java.log");
        start(log, List.of("nohup", java(), "-jar", jar().toString(), "serve", "--config", config().toString()));
        String out = awaitLine(log, "SIGHUP is ignored by this process (inherited from how it was started, e.g. nohup)");
        assertTrue(out.contains("kill -HUP will not reload the config"), out);
    }

    @Test
    void devStoppedBySigtermRemovesItsTemporaryDirectory() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path log = dir.resolve("dev.log");
        Process p = start(log, List.of(java(), "-Djava.io.tmpdir=" + tmp, "-jar", jar().toString(), "dev", "--port", "0",
                "--admin-port", "0"));
        awaitLine(log, "Press Ctrl-C to stop.");
        assertEquals(1, count(tmp), "dev wrote its config under java.io.tmpdir");
        signal("TERM", p);
        assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "dev stops on SIGTERM");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith("portcullis-dev")).toList());
        }
    }

    @Test
    void logFormatJsonWritesTheOperationalLogAsJsonLines() throws Exception {
        Path log = dir.resolve("json.log");
        start(log, List.of(java(), "-jar", jar().toString(), "serve", "--log-format", "json", "--config",
                config().toString()));
        String out = awaitLine(log, "portcullis listening on");
        String line = out.lines().filter(l -> l.contains("portcullis listening on")).findFirst().orElseThrow();
        assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        assertTrue(line.contains("\"level\":\"INFO\"") && line.contains("\"loggerName\":\"io.portcullis.proxy.Portcullis\""), line);
    }

    private static long count(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(f -> f.getFileName().toString().startsWith("portcullis-dev")).count();
        }
    }
}
