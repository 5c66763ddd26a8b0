package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authzen_pdps}: none by default, each PDP's defaults, its credential, and every mistake at its place. */
class AuthZenPdpBinderTest {

    static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + yaml, "c.yaml"));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void noneByDefaultAndDefaultsPerPdp() throws Exception {
        assertEquals(Map.of(), ConfigLoader.parse(ConfigLoaderErrorsTest.BASE, "c.yaml").authzenPdps());
        AuthZenPdpConfig pdp = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE
                + "authzen_pdps: { docs: { url: http://127.0.0.1:8181/access/v1/evaluation } }\n", "c.yaml")
                .authzenPdps().get("docs");
        assertEquals("docs", pdp.id());
        assertEquals(URI.create("http://127.0.0.1:8181/access/v1/evaluation"), pdp.url());
        assertNull(pdp.token());
        assertEquals(AuthZenPdpConfig.DEFAULT_TIMEOUT, pdp.timeout());
        assertEquals(AuthZenPdpConfig.Cache.defaults(), pdp.cache());
        assertEquals(AuthZenPdpConfig.Subject.defaults(), pdp.subject());
    }

    @Test
    void bindsTokenTimeoutCacheAndSubject(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("pdp.token"), " s3cret-token \n");
        AuthZenPdpConfig pdp = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + """
                authzen_pdps:
                  docs:
                    url: https://pdp.example/access/v1/evaluation
                    token_file: %s
                    timeout: 300ms
                    cache: { allow: 0s, deny: 2s }
                    subject: { type: identity, id_claim: preferred_username }
                """.formatted(token), "c.yaml").authzenPdps().get("docs");
        assertEquals("s3cret-token", pdp.token().value());
        assertFalse(pdp.toString().contains("s3cret"), "the token never prints");
        assertEquals(Duration.ofMillis(300), pdp.timeout());
        assertEquals(new AuthZenPdpConfig.Cache(Duration.ZERO, Duration.ofSeconds(2)), pdp.cache());
        assertEquals(new AuthZenPdpConfig.Subject("identity", "preferred_username"), pdp.subject());
    }

    @Test
    void mistakesAreReportedAtTheirPlace() {
        List<String> bad = problems("""
                authzen_pdps:
                  Docs:
                    url: ftp://pdp
                    timeout: 1m
                    token_file: /nonexistent/token
                    cache: { allow: 30s, denny: 1s }
                  other: {}
                """);
        assertEquals(6, bad.size(), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.Docs: invalid id 'Docs'")), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.Docs.url: URL 'ftp://pdp' must start with")),
                bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.Docs.timeout: must be at most 30s")),
                bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.Docs.token_file: cannot read file")),
                bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.Docs.cache.denny: unknown key 'denny'"
                + " (did you mean 'deny'?)")), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("authzen_pdps.other.url: is required")), bad.toString());
    }

    @Test
    void bindsClientCredentialsButNotBesideAFixedToken() throws Exception {
        AuthZenPdpConfig pdp = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + """
                authzen_pdps:
                  kc:
                    url: https://sso.example/realms/corp/authzen/access/v1/evaluation
                    client: { token_endpoint: "https://sso.example/token", client_id: pep, client_secret_env: PEP_SECRET }
                """, "c.yaml", Map.of("PEP_SECRET", "s3cret")).authzenPdps().get("kc");
        assertNull(pdp.token());
        assertEquals(URI.create("https://sso.example/token"), pdp.client().tokenEndpoint());
        assertEquals("pep", pdp.client().clientId());
        assertEquals("s3cret", pdp.client().secret().value());
        List<String> both = problems("""
                authzen_pdps:
                  kc:
                    url: https://sso.example/evaluation
                    token_env: HOME
                    client: { token_endpoint: "https://sso.example/token", client_id: pep, client_secret_env: HOME }
                """);
        assertTrue(both.stream().anyMatch(p -> p.endsWith("authzen_pdps.kc.client: set either client or"
                + " token_file/token_env, not both")), both.toString());
    }
}
