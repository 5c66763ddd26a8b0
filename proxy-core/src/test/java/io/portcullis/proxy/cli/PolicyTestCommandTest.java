package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy test}: the shipped example passes; failures print a readable diff and exit 1. */
class PolicyTestCommandTest {

    /** The module runs with proxy-core/ as its working directory; the docs are one level up. */
    static final Path EXAMPLES = Path.of("..", "docs", "examples");

    static final String CONFIG = """
            issuers:
              - id: corp
                issuer: https://login.test
                jwks_uri: https://login.test/jwks
                audiences: [portcullis]
            routes:
              - id: admin
                match: { path_prefix: /admin }
                upstream: http://127.0.0.1:9001
                policy: admins
            policies:
              admins:
                allow: { groups: { has: admins } }
                require: { max_auth_age: 1h }
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theShippedExampleTestsPass() {
        Path tests = EXAMPLES.resolve("portcullis.policy-test.yaml");
        assertTrue(Files.exists(tests), tests.toAbsolutePath().toString());
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals("", r.err());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().matches("(?s).*\\b(1[0-9]|[2-9][0-9]) passed, 0 failed\\n"), r.out());
    }

    @Test
    void aFailingTestPrintsExpectedGotAndReasonsAndExitsOne() throws Exception {
        write("conf/portcullis.yaml", CONFIG);
        Path tests = write("tests/admin.yaml", """
                config: ../conf/portcullis.yaml
                tests:
                  - name: an admin may
                    request: { path: /admin/x }
                    identity: { sub: alice, claims: { groups: [admins], auth_time: now-10m } }
                    expect: allow
                  - name: bob may too (wrong on purpose)
                    request: { path: /admin/x }
                    identity: { sub: bob, claims: { groups: [staff], auth_time: now-10m } }
                    expect: allow
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL " + tests + ":7:5: bob may too (wrong on purpose)"), r.out());
        assertTrue(r.out().contains("  expected: allow\n"), r.out());
        assertTrue(r.out().contains("  got:      deny (route admin, policy admins, rule allow)\n"), r.out());
        assertTrue(r.out().contains("  reasons:  groups-unauthorized\n"), r.out());
        assertFalse(r.out().contains("an admin may"), "passing tests are quiet unless --verbose: " + r.out());
        assertTrue(r.out().endsWith("1 passed, 1 failed\n"), r.out());
    }

    @Test
    void anExpectedReasonThatIsNotGivenFailsTheTest() throws Exception {
        write("portcullis.yaml", CONFIG);
        Path tests = write("t.yaml", """
                config: portcullis.yaml
                tests:
                  - name: stale login
                    request: { path: /admin }
                    identity: { sub: alice, claims: { groups: [admins], auth_time: now-2h } }
                    expect: challenge
                    reason: [auth-too-old, mfa-required]
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("  got:      challenge"), r.out());
        assertTrue(r.out().contains("  missing:  mfa-required\n"), r.out());
    }

    @Test
    void aFixedClockMakesRelativeTimesDeterministic() throws Exception {
        write("portcullis.yaml", CONFIG);
        Path tests = write("t.yaml", """
                config: portcullis.yaml
                now: "2026-01-05T10:00:00Z"   # quoted: YAML timestamps are not read as such
                tests:
                  - name: logged in at 9:30, fresh enough
                    request: { path: /admin }
                    identity: { sub: alice, claims: { groups: [admins], auth_time: 1767605400 } }
                    expect: allow
                  - name: at 11:31 the same login is too old
                    now: "2026-01-05T11:31:00Z"
                    request: { path: /admin }
                    identity: { sub: alice, claims: { groups: [admins], auth_time: 1767605400 } }
                    expect: challenge
                    reason: auth-too-old
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString(), "--verbose");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok   " + tests + ":4:5: logged in at 9:30"), r.out());
        assertTrue(r.out().endsWith("2 passed, 0 failed\n"), r.out());
    }

    @Test
    void problemsInTheTestFileAreReportedWithPositionsAndExitTwo() throws Exception {
        write("portcullis.yaml", CONFIG);
        Path tests = write("t.yaml", """
                config: portcullis.yaml
                tests:
                  - name: typo
                    request: { path: /admin, source_ip: not-an-ip }
                    identity: { sub: alice, claims: { auth_time: now-1y } }
                    expcet: allow
                  - name: bad answer
                    request: { path: /admin }
                    expect: maybe
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(tests + ":4:41: request.source_ip: expected an IP address"), r.err());
        assertTrue(r.err().contains(tests + ":5:50: 'now-1y': a relative time"), r.err());
        assertTrue(r.err().contains(tests + ":6:5: test: unknown key 'expcet' (did you mean 'expect'?)"), r.err());
        assertTrue(r.err().contains(tests + ":9:13: expect: 'maybe' is not one of"), r.err());
        assertTrue(r.out().contains("0 passed, 0 failed"), r.out());
    }

    @Test
    void anInvalidConfigIsReportedAtItsOwnPositions() throws Exception {
        Path config = write("portcullis.yaml", CONFIG.replace("policy: admins", "policy: nobody"));
        Path tests = write("t.yaml", """
                config: portcullis.yaml
                tests:
                  - name: x
                    request: { path: /admin }
                    expect: deny
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(config.toString()), r.err());
        assertTrue(r.err().contains("nobody"), r.err());
    }

    @Test
    void riskSignalsAndHeadersCanBeGiven() throws Exception {
        write("portcullis.yaml", CONFIG.replace("""
                  admins:
                    allow: { groups: { has: admins } }
                    require: { max_auth_age: 1h }
                """, """
                  admins:
                    allow: { groups: { has: admins }, header: { name: X-Env, is: prod } }
                    challenge: { when: { risk: { new_device: true } }, require: { mfa: true } }
                """));
        Path tests = write("t.yaml", """
                config: portcullis.yaml
                tests:
                  - name: known device, prod header
                    request: { path: /admin, headers: { x-env: prod } }
                    identity: { sub: alice, claims: { groups: [admins] } }
                    risk: { new_device: false, new_network: true }
                    expect: allow
                  - name: a new device must step up
                    request: { path: /admin, headers: { X-Env: prod } }
                    identity: { sub: alice, claims: { groups: [admins] } }
                    risk: { new_device: true }
                    expect: challenge
                    reason: mfa-required
                  - name: without risk signals the challenge cannot be ruled out
                    request: { path: /admin, headers: { X-Env: prod } }
                    identity: { sub: alice, claims: { groups: [admins] } }
                    expect: challenge
                  - name: the wrong environment
                    request: { path: /admin, headers: { X-Env: [staging] } }
                    identity: { sub: alice, claims: { groups: [admins] } }
                    risk: { new_device: false }
                    expect: deny
                """);
        CliRun r = CliRun.of("policy", "test", tests.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("4 passed, 0 failed\n"), r.out());
    }
}
