package io.portcullis.proxy.decisionapi;

import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.proxy.ProxyFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Portcullis with its decision API on, real issuers and a real echo upstream: an admin route
 * (group {@code admins}, browser login, identity headers) and a public route. 127.0.0.1 is a trusted
 * proxy; any other loopback address is not, unless it presents {@link #SECRET}.
 */
final class ForwardAuthFixture implements AutoCloseable {

    static final String SECRET = "s3cret-caller-value";
    static final String LOGIN_URL = "https://login.example/start";

    static final String CONFIG = """
            listen: 127.0.0.1:0
            admin: 127.0.0.1:0
            trusted_proxies: [127.0.0.1/32]
            decision_api:
              listen: 127.0.0.1:0
              secret_file: ${SECRET_FILE}
              login_url: %s
            issuers:
              - id: corp
                issuer: ${CORP_ISS}
                jwks_uri: ${CORP_JWKS}
                audiences: [portcullis]
                algorithms: [RS256, ES256]
            routes:
              - id: admin
                match: { path_prefix: /admin }
                upstream: ${UPSTREAM}
                policy: admins
                login: true
                identity_headers:
                  X-Forwarded-User: sub
                  X-Forwarded-Groups: groups
                request_headers:
                  set: { X-Who: "{{ identity.subject }} on {{ route.id }}" }
              - id: public
                match: { path_prefix: /public }
                upstream: ${UPSTREAM}
                policy: public
            policies:
              public:
                allow: { public: true }
              admins:
                allow: { groups: { has: admins } }
            """.formatted(LOGIN_URL);

    private final ScratchDirectory dir = ScratchDirectory.create("decision-api");
    final ProxyFixture fx;

    ForwardAuthFixture() {
        try {
            Path secret = Files.writeString(dir.resolve("caller.secret"), SECRET + "\n");
            fx = new ProxyFixture(CONFIG.replace("${SECRET_FILE}", secret.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int apiPort() {
        return fx.portcullis.decisionApiPort();
    }

    String token(String sub, List<String> groups) {
        return fx.corp.token().subject(sub).audience("portcullis").expiresIn(Duration.ofMinutes(10))
                .claim("groups", groups).sign();
    }

    void assertUpstreamSawNothing() throws InterruptedException {
        org.junit.jupiter.api.Assertions.assertNull(fx.upstream.takeRequest(Duration.ofMillis(200)),
                "the upstream must not see the request");
    }

    /** Closes each that was started (a skipped test started none). */
    static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public void close() {
        fx.close();
        dir.close();
    }
}
