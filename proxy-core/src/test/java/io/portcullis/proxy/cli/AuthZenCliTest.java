package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.fixtures.EmbeddedAuthZenPdp;
import io.portcullis.fixtures.EmbeddedIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code authzen} criterion in the tools: {@code check} refuses a PDP id that is not declared, at its
 * file and line; {@code explain} asks the real PDP and shows the criterion with what it answered.
 */
class AuthZenCliTest {

    static EmbeddedIssuer corp;
    static EmbeddedAuthZenPdp pdp;
    @TempDir
    static Path dir;
    static Path config;

    static final String TEMPLATE = """
            issuers:
              - id: corp
                issuer: %s
                jwks_uri: %s
                audiences: [portcullis]
            authzen_pdps:
              docs: { url: "%s", timeout: 500ms }
            routes:
              - id: docs
                match: { path_prefix: /docs }
                upstream: http://127.0.0.1:9001
                policy: docs
            policies:
              docs:
                allow:
                  authzen: { pdp: %s, action: can_read, resource: { type: document, id: { path_segment: 2 } } }
            """;

    @BeforeAll
    static void start() throws Exception {
        corp = EmbeddedIssuer.start("/realms/corp");
        pdp = EmbeddedAuthZenPdp.start();
        config = dir.resolve("portcullis.yaml");
        Files.writeString(config, TEMPLATE.formatted(corp.issuerUrl(), corp.jwksUri(), pdp.evaluationUrl(), "docs"));
    }

    @AfterAll
    static void stop() {
        corp.close();
        pdp.close();
    }

    @Test
    void checkRefusesAnUndeclaredPdpAtItsLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, TEMPLATE.formatted(corp.issuerUrl(), corp.jwksUri(), pdp.evaluationUrl(), "dcos"));
        CliRun r = CliRun.of("check", bad.toString());
        assertEquals(2, r.code(), "a config error: " + r.out() + r.err());
        assertTrue((r.out() + r.err()).contains(bad + ":16:23: authzen.pdp: unknown PDP 'dcos' (declared: docs)"),
                r.out() + r.err());
        assertEquals(0, CliRun.of("check", config.toString()).code());
    }

    @Test
    void explainAsksThePdpAndShowsTheCriterion() {
        String jwt = corp.token().subject("alice").audience("portcullis").expiresIn(Duration.ofMinutes(5)).sign();
        pdp.allow("42");
        CliRun allowed = CliRun.of("explain", "--config", config.toString(), "--path", "/docs/42", "--token", jwt);
        assertEquals(0, allowed.code(), allowed.out() + allowed.err());
        assertTrue(allowed.out().matches("(?s).*  allow TRUE    ok  \\S+:16:\\d+  authzen: \\{ pdp: docs, .*"
                + "\\[authzen-permitted]\\n.*"), allowed.out());
        assertTrue(allowed.out().contains("decision: allow (rule allow); reasons: authzen-permitted"), allowed.out());

        CliRun denied = CliRun.of("explain", "--config", config.toString(), "--path", "/docs/7", "--token", jwt);
        assertEquals(1, denied.code(), denied.out() + denied.err());
        assertTrue(denied.out().contains("decision: deny (rule allow); reasons: authzen-denied"), denied.out());

        pdp.mode(EmbeddedAuthZenPdp.Mode.ERROR_500);
        CliRun down = CliRun.of("explain", "--config", config.toString(), "--path", "/docs/8", "--token", jwt);
        assertTrue(down.out().matches("(?s).*  allow UNKNOWN NO  \\S+:16:\\d+  authzen: .*\\[pdp-unavailable]\\n.*"),
                down.out());
        assertEquals(3, pdp.calls(), "explain asked the PDP each time");
    }
}
