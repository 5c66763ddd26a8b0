package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: check's exit codes and messages, serve's refusal of a bad config, --help. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void checkAcceptsTheExampleConfig() throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, ProxyFixture.EXAMPLE.replace("${CORP_ISS}", "http://127.0.0.1:5556/realms/corp")
                .replace("${CORP_JWKS}", "http://127.0.0.1:5556/realms/corp/certs")
                .replace("${MDM_ISS}", "http://127.0.0.1:5557/mdm").replace("${MDM_JWKS}", "http://127.0.0.1:5557/mdm/jwks.json")
                .replace("${UPSTREAM}", "http://127.0.0.1:9001"));
        Run r = run("check", "--config", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("OK"), r.out());
    }

    @Test
    void checkReportsEveryProblemWithFileLineAndColumn() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                listen: 127.0.0.1:8080
                routes:
                  - id: a
                    match: { path_prefix: /a }
                    upstream: http://127.0.0.1:9001
                    policy: missing
                    pass_authorisation: true
                policies:
                  p:
                    allow: { public: true }
                """);
        Run r = run("check", "--config", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":7:5:"), r.err());
        assertTrue(r.err().contains("pass_authorisation"), r.err());
        assertTrue(r.err().contains(f + ":6:"), r.err());
    }

    @Test
    void serveRefusesABadConfig() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "listen: [oops\n");
        Run r = run("serve", "--config", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f.toString() + ":"), r.err());
    }

    @Test
    void serveRefusesUnusableTlsFiles() throws Exception {
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve("key.pem"), "not a key\n");
        Path f = dir.resolve("tls.yaml");
        Files.writeString(f, "listen: 127.0.0.1:0\nadmin: 127.0.0.1:0\ntls: { cert_file: cert.pem, key_file: key.pem }\n"
                + "routes:\n  - id: r\n    match: { path_prefix: / }\n    upstream: http://127.0.0.1:9\n    policy: p\n"
                + "policies:\n  p:\n    allow: { public: true }\n");
        Run r = run("serve", "--config", f.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("refusing to start: the TLS files are not usable."), r.err());
        assertTrue(!r.err().contains("at io.netty"), "no stack trace: " + r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"serve", "check", "dev"}) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage:"), r.out());
        }
    }
}
