package io.portcullis.proxy.access.authn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.portcullis.fixtures.ScratchDirectory;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.LoginConfigs;
import io.portcullis.proxy.auth.DecisionBed;
import io.portcullis.proxy.sso.SsoRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client puts in a session cookie or a bearer token, the authenticators answer: the future
 * completes normally, never with an exception, and nothing made up is an identity. The inputs lean on
 * the shapes parsers trip over: JWE and JWS compact forms whose protected header is arbitrary JSON
 * (missing {@code enc}, {@code alg: none}, wrong types), base64 that is not, separators and controls.
 */
class CredentialParsersFuzzTest {

    private static DecisionBed bed;
    private static SsoRuntime sso;
    /** jqwik has no {@code @TempDir}: the session key's directory is removed by {@link #stop}. */
    private static ScratchDirectory dir;

    @BeforeContainer
    static void start() throws Exception {
        bed = new DecisionBed();
        dir = ScratchDirectory.create("portcullis-access");
        sso = SsoRuntime.start(LoginConfigs.withLogin(dir.path(), """
                routes:
                  - id: app
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9
                    policy: p
                    login: true
                policies:
                  p:
                    allow: { authenticated: true }
                """), Clock.systemUTC());
    }

    @AfterContainer
    static void stop() {
        if (sso != null) {
            sso.close();
        }
        if (bed != null) {
            bed.close();
        }
        if (dir != null) {
            dir.close();
        }
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> json = Arbitraries.of("{}", "{\"alg\":\"none\"}", "{\"alg\":\"dir\"}",
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}", "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"typ\":\"x\",\"kid\":\"k\"}",
                "{\"alg\":\"RS256\",\"kid\":\"nope\"}", "{\"alg\":1,\"enc\":[]}", "{\"enc\":null}", "[]", "null", "\"s\"",
                "{\"alg\":\"HS256\",\"crit\":[\"x\"]}", "{\"zip\":\"DEF\",\"alg\":\"dir\",\"enc\":\"A128GCM\"}");
        Arbitrary<String> anyText = Arbitraries.strings().ofMaxLength(40);
        return Arbitraries.oneOf(json, anyText);
    }

    @Provide
    Arbitrary<String> credentials() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_").ofMaxLength(30),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("", "=", "==", "%", "\u0000", "é", " "));
        Arbitrary<String> protectedHeader = headers().map(h -> b64.encodeToString(h.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> jweShaped = Combinators.combine(protectedHeader, part.list().ofSize(4))
                .as((h, rest) -> h + "." + String.join(".", rest));
        Arbitrary<String> jwsShaped = Combinators.combine(protectedHeader, part.list().ofSize(2))
                .as((h, rest) -> h + "." + String.join(".", rest));
        Arbitrary<String> dotted = part.list().ofMinSize(1).ofMaxSize(7).map(l -> String.join(".", l));
        return Arbitraries.oneOf(jweShaped, jwsShaped, dotted, Arbitraries.strings().ofMaxLength(200));
    }

    private static Authentication answer(Authenticator authenticator, String name, String value) throws Exception {
        AccessRequest base = bed.access(bed.policy("admins-on-compliant-devices"), List.of(), null);
        AccessRequest request = new AccessRequest(base.target(),
                n -> n.equalsIgnoreCase(name) ? List.of(value) : List.of(), base.peer(), base.time(), "fuzz");
        CompletableFuture<Authentication> answer = authenticator.authenticate(request);
        assertNotNull(answer);
        return answer.get(20, TimeUnit.SECONDS);
    }

    @Property(tries = 250)
    void noSessionCookieEscapesAsAnException(@ForAll("credentials") String value) throws Exception {
        Authentication a = answer(new SessionAuthenticator(sso, Clock.systemUTC()), "Cookie", "_portcullis=" + value);

        Authentication.Anonymous none = assertInstanceOf(Authentication.Anonymous.class, a);
        assertFalse(none.reason().isEmpty());
    }

    @Property(tries = 200)
    void noBearerTokenEscapesAsAnException(@ForAll("credentials") String token) throws Exception {
        Authentication a = answer(new BearerAuthenticator(bed.identity, true, null), "Authorization", "Bearer " + token);

        Authentication.Anonymous none = assertInstanceOf(Authentication.Anonymous.class, a);
        assertFalse(none.reason().isEmpty());
    }
}
