package io.portcullis.proxy.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.proxy.ConfigCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key file that exists but holds no usable key fails the config check, at the block naming it. */
class SsoKeysCheckTest {

    @TempDir
    Path dir;

    private List<String> problems(String sessionKey, String assertionKey) throws Exception {
        Path session = Files.writeString(dir.resolve("session.key"), sessionKey);
        Path assertion = Files.writeString(dir.resolve("assertion.pem"), assertionKey);
        Path config = Files.writeString(dir.resolve("p.yaml"), """
                issuers:
                  - id: corp
                    issuer: https://idp.example.com
                    discovery: true
                    audiences: [portcullis]
                    client_id: portcullis
                sso:
                  issuer: corp
                  external_url: https://apps.example.com
                  session_keys_file: %s
                assertion:
                  key_file: %s
                routes:
                  - id: app
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: p
                    login: true
                policies:
                  p:
                    allow: { authenticated: true }
                """.formatted(session, assertion));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigCompiler.compile(config));
        return e.problems().stream().map(ConfigProblem::format).map(p -> p.substring(p.indexOf(':', 2))).toList();
    }

    @Test
    void aShortSessionKeyFailsTheCheck() throws Exception {
        String pem = new String(SsoKeysCheckTest.class.getResourceAsStream("/sso/assertion-p256.pem").readAllBytes());

        List<String> problems = problems("dG9vLXNob3J0", pem);

        assertEquals(1, problems.size());
        assertEquals(":8:3: sso.session_keys_file: session key file " + dir.resolve("session.key")
                + " must hold 32 bytes (openssl rand -base64 32), got 9", problems.get(0));
    }

    @Test
    void aPemWithoutAnEcKeyFailsTheCheck() throws Exception {
        List<String> problems = problems("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "not a key");

        assertEquals(List.of(":12:3: assertion.key_file: assertion key file " + dir.resolve("assertion.pem")
                + ": no EC private key in PEM form"), problems);
    }
}
