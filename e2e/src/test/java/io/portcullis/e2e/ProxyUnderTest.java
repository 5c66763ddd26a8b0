package io.portcullis.e2e;

import io.portcullis.fixtures.EchoUpstream;
import io.portcullis.fixtures.LoopbackPorts;
import io.portcullis.fixtures.RecordedRequest;
import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.Portcullis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Portcullis in this JVM, with browser login at an OpenID provider (Keycloak's realm or another), in front of an echo upstream. */
final class ProxyUnderTest implements AutoCloseable {

    final EchoUpstream upstream = EchoUpstream.start();
    final int port;
    final Portcullis portcullis;
    /** The session key file, for a second instance sharing this one's sessions. */
    final Path sessionKey;

    /**
     * @param clientId     the Keycloak client Portcullis logs in as
     * @param clientSecret its secret, or null for the public client
     */
    ProxyUnderTest(Keycloak keycloak, String clientId, String clientSecret) throws Exception {
        this(keycloak.issuer(), clientId, clientSecret);
    }

    /**
     * @param issuer       the OpenID provider's issuer URL (discovery is read from it)
     * @param clientId     the client Portcullis logs in as
     * @param clientSecret its secret, or null for a public client
     */
    /** The config, session key and client secret this instance wrote; removed when it closes. */
    private final ScratchDirectory dir;

    ProxyUnderTest(String issuer, String clientId, String clientSecret) throws Exception {
        this(issuer, clientId, clientSecret, Extras.NONE);
    }

    /**
     * What a test adds to the standard config: {@code routes} (YAML list items, indented as routes,
     * {@code ${UPSTREAM}} standing for the echo upstream) before the standard ones, {@code sections}
     * (top-level YAML) at the end, the session key another instance uses, so that the two are replicas
     * behind one load balancer (null: a key of its own), and the port (0: a free one), for a test that
     * must name it before the proxy starts.
     */
    record Extras(String routes, String sections, Path sessionKey, int port) {
        static final Extras NONE = new Extras("", "", null, 0);
    }

    ProxyUnderTest(String issuer, String clientId, String clientSecret, Extras extras) throws Exception {
        dir = ScratchDirectory.create("portcullis-e2e");
        Path sessionKey = extras.sessionKey();
        if (sessionKey == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            sessionKey = Files.writeString(dir.resolve("session.key"), Base64.getEncoder().encodeToString(key));
        }
        this.sessionKey = sessionKey;
        String secretLine = "";
        if (clientSecret != null) {
            Path secret = Files.writeString(dir.resolve("client.secret"), clientSecret);
            secretLine = "    client_secret_file: " + secret + "\n";
        }
        port = extras.port() != 0 ? extras.port() : LoopbackPorts.free();
        Path config = Files.writeString(dir.resolve("portcullis.yaml"), """
                listen: 127.0.0.1:%1$d
                admin: 127.0.0.1:0
                issuers:
                  - id: corp
                    issuer: %2$s
                    discovery: true
                    audiences: [portcullis]
                    algorithms: [RS256, ES256]
                    client_id: %3$s
                %4$s
                device_posture:
                  claims_from_identity_token: device
                sso:
                  issuer: corp
                  external_url: http://127.0.0.1:%1$d
                  session_keys_file: %5$s
                  cookie_secure: false
                  post_logout_redirect: http://127.0.0.1:%1$d/public/bye
                routes:
                %7$s
                  - id: app
                    match: { path_prefix: /app }
                    upstream: %6$s
                    policy: admins-on-compliant-devices
                    login: true
                    identity_headers:
                      X-Forwarded-User: sub
                      X-Forwarded-Email: email
                      X-Forwarded-Groups: groups
                  - id: secure
                    match: { path_prefix: /secure }
                    upstream: %6$s
                    policy: with-mfa
                    login: true
                  - id: api
                    match: { path_prefix: /api }
                    upstream: %6$s
                    policy: signed-in
                    identity_headers:
                      X-Forwarded-User: sub
                  - id: public
                    match: { path_prefix: /public }
                    upstream: %6$s
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                  signed-in:
                    allow: { authenticated: true }
                  admins-on-compliant-devices:
                    allow:
                      and:
                        - groups: { has: admins }
                        - device: { compliant: true }
                  with-mfa:
                    allow: { authenticated: true }
                    require: { mfa: true }
                # Every e2e test starts a proxy; the warm-up is proved in proxy-core's PipelineWarmupTest.
                warmup: { enabled: false }
                %8$s""".formatted(port, issuer, clientId, secretLine.stripTrailing(), sessionKey,
                upstream.url(), extras.routes().replace("${UPSTREAM}", upstream.url()).stripTrailing(), extras.sections()));
        portcullis = Portcullis.start(config, ConfigCompiler.compile(config), DefaultIdentityService::start, false);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<RecordedRequest> seen() {
        return upstream.requests();
    }

    RecordedRequest last() {
        List<RecordedRequest> all = upstream.requests();
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        try {
            portcullis.close();
            upstream.close();
        } finally {
            dir.close(); // after the proxy that read its files (a replica sharing the session key closes first)
        }
    }
}
