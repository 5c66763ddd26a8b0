package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real proxy's decision lines carry the config hash and a hash chain that {@code verify-log}
 * accepts untouched and rejects at the first altered or removed line.
 */
class TamperEvidentLogTest {

    static ProxyFixture fx;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        fx = new ProxyFixture(ProxyFixture.EXAMPLE);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    List<String> decisionsFor(String... paths) throws Exception {
        int before = fx.decisionLines().size();
        for (String p : paths) {
            try (RawHttp c = fx.client()) {
                c.get(p);
            }
            // Lines are written just after each response, on the connection's own thread: wait for
            // each before the next request so the lines come in request order.
            fx.awaitDecision(p);
        }
        List<String> lines = fx.decisionLines();
        return new ArrayList<>(lines.subList(before, lines.size()));
    }

    @Test
    void everyLineNamesTheConfigThatDecidedIt() throws Exception {
        List<String> lines = decisionsFor("/public/a", "/nowhere/b");
        String sha = fx.portcullis.current().config().sha256();
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.contains("\"config_sha256\":\"" + sha + "\""), line);
            assertTrue(line.matches(".*,\"chain\":\"[0-9a-f]{64}\"}$"), line);
        }
    }

    @Test
    void verifyLogAcceptsTheProxysLinesAndFindsTheFirstTamperedOne() throws Exception {
        List<String> lines = decisionsFor("/public/1", "/admin/2", "/public/3", "/nowhere/4");
        assertEquals(4, lines.size(), lines.toString());
        Path log = dir.resolve("decisions.log");
        Files.write(log, lines, StandardCharsets.UTF_8);
        CliTest.Run ok = CliTest.run("verify-log", log.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("OK (4 lines"), ok.out());

        List<String> tampered = new ArrayList<>(lines);
        tampered.set(1, tampered.get(1).replace("\"decision\":\"deny\"", "\"decision\":\"allow\""));
        assertTrue(!tampered.get(1).equals(lines.get(1)), "the test must really change the admin line");
        Files.write(log, tampered, StandardCharsets.UTF_8);
        CliTest.Run bad = CliTest.run("verify-log", log.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains(log + ":2: chain broken"), bad.err());
        assertTrue(!bad.out().contains("OK"), bad.out());

        List<String> cut = new ArrayList<>(lines);
        cut.remove(2);
        Files.write(log, cut, StandardCharsets.UTF_8);
        CliTest.Run removed = CliTest.run("verify-log", log.toString());
        assertEquals(1, removed.code());
        assertTrue(removed.err().contains(log + ":3:"), removed.err());
    }

    @Test
    void rotatedFilesVerifyAsOneChainWhenGivenOldestFirst() throws Exception {
        // r0 is left out so that r1 does not start the JVM's chain: a fresh chain is accepted anywhere.
        List<String> lines = decisionsFor("/public/r0", "/public/r1", "/public/r2", "/public/r3").subList(1, 4);
        Path older = dir.resolve("decisions.log.1");
        Path newer = dir.resolve("decisions.log");
        Files.write(older, lines.subList(0, 2), StandardCharsets.UTF_8);
        Files.write(newer, lines.subList(2, 3), StandardCharsets.UTF_8);
        CliTest.Run both = CliTest.run("verify-log", older.toString(), newer.toString());
        assertEquals(0, both.code(), both.err());
        CliTest.Run swapped = CliTest.run("verify-log", newer.toString(), older.toString());
        assertEquals(1, swapped.code(), swapped.out());
    }

    @Test
    void anUnreadableFileIsExit2() {
        CliTest.Run r = CliTest.run("verify-log", dir.resolve("missing.log").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot read"), r.err());
    }
}
