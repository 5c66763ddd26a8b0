package io.portcullis.identity.events;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The SET parser fuzzed: arbitrary text in compact form, and correctly signed SETs whose {@code events}
 * and {@code sub_id} are arbitrary JSON built from the members the parser reads. No exception escapes:
 * every input ends in a verdict, and text that is not a signed SET is never accepted.
 */
class SetParserFuzzTest {

    private static final List<String> KEYS = List.of("format", "email", "iss", "sub", "id", "uri", "url",
            "phone_number", "user", "session", "device", "tenant", "subject", "event_timestamp", "current_status",
            "status", "reason", "claims", "state", "credential_type", "change_type",
            EventType.SESSION_REVOKED.uri(), EventType.DEVICE_COMPLIANCE_CHANGE.uri(), EventType.TOKEN_CLAIMS_CHANGE.uri(),
            EventType.STREAM_UPDATED.uri(), EventType.VERIFICATION.uri(), "https://example.com/x");

    private static SsfBed bed;
    private static SetVerifier verifier;

    @BeforeContainer
    static void start() {
        bed = new SsfBed();
        verifier = bed.verifier();
    }

    @AfterContainer
    static void close() {
        bed.close();
    }

    @Property(tries = 200)
    void arbitraryTextIsRefusedNeverThrown(@ForAll("compactish") String text) throws Exception {
        SetVerification result = settle(verifier.verify(text));
        assertInstanceOf(SetVerification.Refused.class, result);
    }

    @Property(tries = 100)
    void signedSetsWithArbitraryContentEndInAVerdict(@ForAll("json") Object events, @ForAll("json") Object subject) {
        String set = bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), null)
                .signedWithEditedPayload(json -> {
                    try {
                        Map<String, Object> claims = JSONObjectUtils.parse(json);
                        claims.put("events", events);
                        claims.put("sub_id", subject);
                        return JSONObjectUtils.toJSONString(claims);
                    } catch (java.text.ParseException e) {
                        throw new AssertionError(e);
                    }
                });
        SetVerification result = settle(verifier.verify(set));
        if (result instanceof SetVerification.Accepted accepted) {
            assertTrue(!accepted.set().events().isEmpty());
        }
    }

    private static SetVerification settle(CompletableFuture<SetVerification> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the verifier let an exception escape", e);
        }
    }

    @Provide
    Arbitrary<String> compactish() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_=+/.{}\" :")
                .ofMaxLength(60);
        Arbitrary<String> jsonSegment = json().map(v -> java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSONObjectUtils.toJSONString(Map.of("alg", "RS256", "typ", "secevent+jwt", "x", v == null ? "" : v))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of(".", "..", "...", "a.b.c", "a.b.c.d.e"),
                segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join(".", parts)),
                Arbitraries.strings().withChars("[{").ofMinLength(1000).ofMaxLength(20000)
                        .map(deep -> java.util.Base64.getUrlEncoder().withoutPadding()
                                .encodeToString(deep.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".e30.c2ln"),
                jsonSegment.map(h -> h + ".e30.c2ln"));
    }

    @Provide
    Arbitrary<Object> json() {
        return Arbitraries.recursive(this::leaf, this::container, 0, 4);
    }

    private Arbitrary<Object> leaf() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of(KEYS).map(s -> (Object) s),
                Arbitraries.of("iss_sub", "email", "opaque", "complex", "did", "compliant", "not-compliant", "enabled")
                        .map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    private Arbitrary<Object> container(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(5).map(m -> (Object) m));
    }
}
