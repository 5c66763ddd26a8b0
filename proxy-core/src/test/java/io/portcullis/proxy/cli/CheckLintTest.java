package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} prints lint warnings as FILE:LINE:COL: warning: ..., in file order; --strict fails on them. */
class CheckLintTest {

    @TempDir
    Path dir;

    static final String ISSUER = """
            issuers:
              - id: corp
                issuer: https://login.test
                jwks_uri: https://login.test/jwks
                audiences: [portcullis]
            """;

    Path write(String yaml) throws Exception {
        Path f = dir.resolve("portcullis.yaml");
        Files.writeString(f, ISSUER + yaml);
        return f;
    }

    @Test
    void everyKindOfWarningIsPrintedAtItsPlaceInFileOrder() throws Exception {
        Path f = write("""
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: http://127.0.0.1:9001
                    policy: users
                  - id: app-admin
                    match: { path_prefix: /app/admin }
                    upstream: http://127.0.0.1:9001
                    policy: impossible
                policies:
                  users:
                    allow: { authenticated: true }
                    deny: { device: { compliant: false } }
                  impossible:
                    allow: { and: [ { http_method: { is: GET } }, { http_method: { is: POST } } ] }
                  leftover:
                    allow: { authenticated: true }
                """);
        CliRun r = CliRun.of("check", "--config", f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> warnings = r.out().lines().filter(l -> l.contains(": warning: ")).toList();
        assertEquals(4, warnings.size(), r.out());
        assertTrue(warnings.get(0).startsWith(f + ":11:5: warning: route 'app-admin' can never match"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith(f + ":18:23: warning: deny rule can be decided by a missing attribute device.compliant"),
                warnings.get(1));
        assertTrue(warnings.get(2).matches(".*:20:\\d+: warning: allow rule of policy 'impossible' can never be TRUE.*"),
                warnings.get(2));
        assertTrue(warnings.get(3).startsWith(f + ":21:"), warnings.get(3));
        assertTrue(warnings.get(3).contains("policy 'leftover' is not used by any route"), warnings.get(3));
        assertTrue(r.out().contains("OK (2 routes, 3 policies, 1 issuers"), r.out());
        assertTrue(r.out().contains("4 warning(s)"), r.out());

        CliRun strict = CliRun.of("check", "--config", f.toString(), "--strict");
        assertEquals(1, strict.code(), "--strict fails on warnings");
    }

    @Test
    void aCleanConfigPassesStrict() throws Exception {
        Path f = write("""
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: http://127.0.0.1:9001
                    policy: users
                policies:
                  users:
                    allow: { authenticated: true }
                """);
        CliRun r = CliRun.of("check", "--config", f.toString(), "--strict");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(!r.out().contains("warning"), r.out());
    }

    @Test
    void theShippedExampleIsValidWithOnlyItsDeliberateWarning() {
        Path example = PolicyTestCommandTest.EXAMPLES.resolve("portcullis.yaml");
        CliRun r = CliRun.of("check", "--config", example.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> warnings = r.out().lines().filter(l -> l.contains(": warning: ")).toList();
        assertEquals(1, warnings.size(), r.out());
        assertTrue(warnings.get(0).contains("missing attribute device.patch_age_days"), warnings.get(0));
    }
}
