package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}} in a whole config, read from an injected environment rather than the process's. */
class ConfigEnvironmentTest {

    static final String YAML = """
            listen: ${LISTEN:-127.0.0.1:8080}
            issuers:
              - id: corp
                issuer: ${IDP_URL}
                jwks_uri: ${IDP_URL}/jwks
                audiences: [portcullis]
            routes:
              - id: r
                match: { path_prefix: /app }
                upstream: ${UPSTREAM}
                policy: users
                pass_authorization: ${PASS_AUTH:-false}
            policies:
              users:
                allow: { authenticated: true }
            """;

    @Test
    void valuesComeFromTheGivenEnvironmentWithDefaults() throws ConfigException {
        PortcullisConfig c = ConfigLoader.parse(YAML, "f.yaml",
                Map.of("IDP_URL", "https://idp.example.com", "UPSTREAM", "http://127.0.0.1:9001", "PASS_AUTH", "true"));
        assertEquals(new HostPort("127.0.0.1", 8080), c.listen());
        assertEquals("https://idp.example.com", c.identity().issuers().get(0).issuer());
        assertEquals(URI.create("http://127.0.0.1:9001"), c.routes().get(0).upstream());
        assertEquals(true, c.routes().get(0).forwarding().passAuthorization());
    }

    @Test
    void aMissingVariableIsOneProblemAtItsPlaceEachTime() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(YAML, "f.yaml", Map.of("UPSTREAM", "http://127.0.0.1:9001")));
        assertEquals(List.of(
                "f.yaml:4:13: environment variable IDP_URL is not set (give a default with ${IDP_URL:-default})",
                "f.yaml:5:15: environment variable IDP_URL is not set (give a default with ${IDP_URL:-default})"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void aBadValueFromTheEnvironmentIsQuotedAsWrittenNeverAsItsValue() {
        String secret = "http://user:hunter2@[broken";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(YAML, "f.yaml",
                Map.of("IDP_URL", "https://idp.example.com", "UPSTREAM", secret, "PASS_AUTH", "hunter2")));
        String all = e.getMessage();
        assertFalse(all.contains("hunter2"), all);
        assertEquals(List.of("f.yaml:10:15: routes[0].upstream: invalid URL '${UPSTREAM}' (from the environment)",
                "f.yaml:12:25: routes[0].pass_authorization: expected true or false, got '${PASS_AUTH:-false}'"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void clientSecretEnvReadsTheGivenEnvironment(@TempDir Path dir) throws Exception {
        String yaml = YAML.replace("    audiences: [portcullis]\n",
                "    audiences: [portcullis]\n    client_id: portcullis\n    client_secret_env: OIDC_SECRET\n");
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        Map<String, String> env = Map.of("IDP_URL", "https://idp.example.com", "UPSTREAM", "http://127.0.0.1:9001",
                "OIDC_SECRET", "s3cret");
        PortcullisConfig c = ConfigLoader.load(file, env);
        assertEquals("env:OIDC_SECRET", c.identity().issuers().get(0).client().secret().source());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file,
                Map.of("IDP_URL", "https://idp.example.com", "UPSTREAM", "http://127.0.0.1:9001")));
        assertEquals(List.of(file + ":8:24: issuers[0].client_secret_env: environment variable OIDC_SECRET is not set"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void anIncludedFileIsInterpolatedToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.yaml"), YAML + "include: [team.yaml]\n");
        Files.writeString(dir.resolve("team.yaml"), """
                routes:
                  - id: team
                    match: { path_prefix: /team }
                    upstream: ${TEAM_UPSTREAM}
                    policy: users
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("main.yaml"),
                Map.of("IDP_URL", "https://idp.example.com", "UPSTREAM", "http://127.0.0.1:9001")));
        assertEquals(List.of(dir.resolve("team.yaml") + ":4:15: environment variable TEAM_UPSTREAM is not set"
                + " (give a default with ${TEAM_UPSTREAM:-default})"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }
}
