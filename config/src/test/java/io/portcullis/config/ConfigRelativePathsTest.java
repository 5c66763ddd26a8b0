package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative path in a config is taken from the directory of the file that names it, never from
 * the working directory: the tests load a config that lives in a temp directory (the working
 * directory is the module's, which holds none of these files), once by absolute and once by
 * relative path, with an included file in a subdirectory naming files beside itself.
 */
class ConfigRelativePathsTest {

    static final String MAIN = """
            issuers:
              - id: corp
                issuer: https://idp.example.com
                discovery: true
                audiences: [portcullis]
                client_id: portcullis
                client_secret_file: secrets/client.secret
            include: [teams/*.yaml]
            tls: { cert_file: certs/server.pem, key_file: certs/server.key, client_ca_file: certs/ca.pem }
            sso:
              issuer: corp
              external_url: https://app.example.com
              session_keys_file: [keys/session.key, ./keys/old-session.key]
            assertion:
              key_file: keys/assertion.pem
            policies:
              users:
                allow: { authenticated: true }
            """;

    static final String TEAM = """
            routes:
              - id: team
                match: { path_prefix: /team }
                upstream: https://team.internal
                policy: users
                login: true
                tls: { ca_file: team-ca.pem, cert_file: ../certs/client.pem, key_file: ../certs/client.key }
            """;

    private static Path tree(Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        for (String f : List.of("secrets/client.secret", "certs/server.pem", "certs/server.key", "certs/ca.pem",
                "keys/session.key", "keys/old-session.key", "keys/assertion.pem", "teams/team-ca.pem",
                "certs/client.pem", "certs/client.key")) {
            Files.createDirectories(etc.resolve(f).getParent());
            Files.writeString(etc.resolve(f), "content of " + f + "\n");
        }
        Files.writeString(etc.resolve("portcullis.yaml"), MAIN);
        Files.writeString(etc.resolve("teams/team.yaml"), TEAM);
        return etc;
    }

    @Test
    void everyFileIsFoundBesideTheConfigThatNamesIt(@TempDir Path dir) throws Exception {
        Path etc = tree(dir).toRealPath();
        assertFalse(Files.exists(Path.of("certs/server.pem")), "the working directory must not hold the files");
        Path relative = Path.of("").toAbsolutePath().relativize(etc.resolve("portcullis.yaml"));
        for (Path main : List.of(etc.resolve("portcullis.yaml"), relative)) {
            PortcullisConfig c = ConfigLoader.load(main);
            assertEquals("content of secrets/client.secret", c.identity().issuers().get(0).client().secret().value());
            assertEquals(etc.resolve("certs/server.pem"), c.transport().tls().certFile().toRealPath());
            assertEquals(etc.resolve("certs/server.key"), c.transport().tls().keyFile().toRealPath());
            assertEquals(etc.resolve("certs/ca.pem"), c.transport().tls().clientCaFile().toRealPath());
            assertEquals(List.of(etc.resolve("keys/session.key"), etc.resolve("keys/old-session.key")),
                    c.sso().sessionKeyFiles().stream().map(ConfigRelativePathsTest::real).toList());
            assertEquals(etc.resolve("keys/assertion.pem"), c.assertion().keyFiles().get(0).toRealPath());
            UpstreamTlsConfig upstream = c.routes().get(0).transport().upstreamTls();
            assertEquals(etc.resolve("teams/team-ca.pem"), upstream.caFile().toRealPath());
            assertEquals(etc.resolve("certs/client.pem"), upstream.certFile().toRealPath());
            assertEquals(etc.resolve("certs/client.key"), upstream.keyFile().toRealPath());
            assertEquals(2, c.sources().size());
        }
    }

    @Test
    void aMissingRelativeFileSaysWhereItWasLookedFor(@TempDir Path dir) throws Exception {
        Path etc = tree(dir);
        Files.delete(etc.resolve("keys/assertion.pem"));
        Files.delete(etc.resolve("teams/team-ca.pem"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(etc.resolve("portcullis.yaml")));
        Path abs = etc.toAbsolutePath().normalize();
        assertEquals(List.of(
                etc.resolve("portcullis.yaml") + ":15:13: assertion.key_file: cannot read file 'keys/assertion.pem'"
                        + " (resolved to " + abs.resolve("keys/assertion.pem") + ")",
                etc.resolve("teams/team.yaml") + ":7:21: routes[0].tls.ca_file: cannot read file 'team-ca.pem'"
                        + " (resolved to " + abs.resolve("teams/team-ca.pem") + ")"),
                e.problems().stream().map(ConfigProblem::format).toList());
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
