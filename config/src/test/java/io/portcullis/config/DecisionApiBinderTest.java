package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code decision_api}: off unless configured, its defaults, and every mistake at its place. */
class DecisionApiBinderTest {

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
        Path secret = Files.createTempFile("api", ".secret");
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
}
