package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decision_api}: off unless configured, its defaults, and every mistake at its place. */
class DecisionApiBinderTest {

    @TempDir
    Path dir;

    static List<String> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + yaml, "c.yaml"));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }

    @Test
    void offByDefaultAndDefaultsWhenOn() throws Exception {
        assertNull(ConfigLoader.parse(ConfigLoaderErrorsTest.BASE, "c.yaml").decisionApi());
        DecisionApiConfig api = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE
                + "decision_api: { listen: 127.0.0.1:9191 }\n", "c.yaml").decisionApi();
        assertEquals(new HostPort("127.0.0.1", 9191), api.listen());
        assertNull(api.secret());
        assertNull(api.loginUrl());
        assertEquals(DecisionApiConfig.DEFAULT_SECRET_HEADER, api.secretHeader());
        assertEquals(DecisionApiConfig.NginxHeaders.defaults(), api.nginx());
    }

    @Test
    void bindsSecretHeadersAndLoginUrl() throws Exception {
        Path secret = dir.resolve("api.secret");
        Files.writeString(secret, "  shared \n");
        DecisionApiConfig api = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + """
                decision_api:
                  listen: 127.0.0.1:9191
                  secret_file: %s
                  secret_header: X-Caller
                  nginx: { method_header: X-M, uri_header: X-U, host_header: X-H }
                  login_url: https://login.example/start
                """.formatted(secret), "c.yaml").decisionApi();
        assertEquals("shared", api.secret().value());
        assertTrue(!api.secret().toString().contains("shared"), "the secret never prints");
        assertEquals("X-Caller", api.secretHeader());
        assertEquals(new DecisionApiConfig.NginxHeaders("X-M", "X-U", "X-H"), api.nginx());
        assertEquals("https://login.example/start", api.loginUrl());
    }

    @Test
    void mistakesAreReportedAtTheirPlace() {
        List<String> noListen = problems("decision_api: { secret_header: X-A }\n");
        assertEquals(1, noListen.size(), noListen.toString());
        assertTrue(noListen.get(0).endsWith("decision_api.listen: is required"), noListen.toString());
        List<String> bad = problems("""
                decision_api:
                  listen: 127.0.0.1:9191
                  secret_file: /nonexistent/secret
                  secret_header: "X Bad"
                  login_url: ftp://x
                  colour: blue
                """);
        assertEquals(4, bad.size(), bad.toString());
        assertTrue(bad.get(0).contains("decision_api.secret_file: cannot read file"), bad.toString());
    }

    @Test
    void bindsTlsAndAuthZenCallers() throws Exception {
        Path pem = Files.createFile(dir.resolve("api.pem"));
        DecisionApiConfig api = ConfigLoader.parse(ConfigLoaderErrorsTest.BASE + """
                decision_api:
                  listen: 127.0.0.1:9191
                  tls: { cert_file: %1$s, key_file: %1$s, client_ca_file: %1$s, client_auth: required }
                  authzen_callers: { issuers: [corp], client_certificate: true }
                """.formatted(pem), "c.yaml").decisionApi();
        assertEquals(pem, api.tls().certFile());
        assertEquals(TlsConfig.ClientAuth.REQUIRED, api.tls().clientAuth());
        assertEquals(new DecisionApiConfig.AuthZenCallers(List.of("corp"), true), api.callers());
        assertNull(ConfigLoader.parse(ConfigLoaderErrorsTest.BASE
                + "decision_api: { listen: 127.0.0.1:9191 }\n", "c.yaml").decisionApi().callers());
    }

    @Test
    void callersMustBeAbleToAuthenticate() {
        List<String> bad = problems("""
                decision_api:
                  listen: 127.0.0.1:9191
                  tls: { cert_file: /nonexistent/cert.pem, key_file: /nonexistent/key.pem, min_version: TLSv1.1 }
                  authzen_callers: { issuers: [crop], client_certificate: true }
                """);
        assertEquals(5, bad.size(), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("decision_api.tls.cert_file: cannot read file")), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.contains("decision_api.tls.min_version: must be TLSv1.2 or TLSv1.3")),
                bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.endsWith("decision_api.authzen_callers.issuers: unknown issuer 'crop'"
                + " (declared: corp)")), bad.toString());
        assertTrue(bad.stream().anyMatch(p -> p.endsWith("decision_api.authzen_callers.client_certificate: needs"
                + " decision_api.tls with client_ca_file to verify client certificates")), bad.toString());
        List<String> none = problems("decision_api: { listen: 127.0.0.1:9191, authzen_callers: {} }\n");
        assertTrue(none.get(0).endsWith("decision_api.authzen_callers: needs issuers or client_certificate: true,"
                + " else no caller could authenticate"), none.toString());
    }
}
