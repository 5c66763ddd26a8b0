package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} lists every mistake of a file in one run: binding problems, policy-compiler problems
 * and key-file problems together, not one layer after the other is fixed.
 */
class CheckEveryProblemTest {

    @TempDir
    Path dir;

    @Test
    void fourMistakesOfDifferentKindsAreFourMessagesInFileOrder() throws Exception {
        Path f = dir.resolve("portcullis.yaml");
        Files.writeString(f, """
                issuers:
                  - id: corp
                    issuer: https://login.test
                    jwks_uri: https://login.test/jwks
                    audiences: [portcullis]
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: http://127.0.0.1:9001
                    policy: usres
                    timeout: 30 seconds
                conditions:
                  office: { source_ip: { in: [10.0.0.0/8] } }
                policies:
                  users:
                    allow: { condition: ofice }
                  admins:
                    allow: { authenticatd: true }
                """);
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of(
                f + ":10:13: routes[0].policy: unknown policy 'usres' (did you mean 'users'?)",
                f + ":11:14: routes[0].timeout: invalid duration '30 seconds' (expected e.g. 500ms, 30s, 15m, 8h, 1d or 1h30m)",
                f + ":16:25: unknown condition 'ofice' (did you mean 'office'?)",
                f + ":18:14: unknown criterion 'authenticatd' (did you mean 'authenticated'?)",
                "4 problem(s) found; the config is not valid."), lines);
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsReportedBesideABindingProblem() throws Exception {
        Path key = Files.writeString(dir.resolve("session.key"), "not a key\n");
        Path f = dir.resolve("portcullis.yaml");
        Files.writeString(f, """
                issuers:
                  - id: corp
                    issuer: https://login.test
                    discovery: true
                    audiences: [portcullis]
                    client_id: portcullis
                    client_secret_env: NOT_SET_ANYWHERE
                routes:
                  - id: app
                    match: { path_prefix: /app }
                    upstream: http://127.0.0.1:9001
                    policy: users
                policies:
                  users:
                    allow: { authenticated: true }
                sso:
                  issuer: corp
                  external_url: https://app.test
                  session_keys_file: %s
                """.formatted(key.getFileName()));
        CliRun r = CliRun.of("check", f.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(3, lines.size(), r.err());
        assertEquals(f + ":7:24: issuers[0].client_secret_env: environment variable NOT_SET_ANYWHERE is not set",
                lines.get(0));
        assertEquals(true, lines.get(1).startsWith(f + ":17:3: sso.session_keys_file: "), lines.get(1));
    }
}
