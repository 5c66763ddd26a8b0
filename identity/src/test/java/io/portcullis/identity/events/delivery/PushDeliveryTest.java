package io.portcullis.identity.events.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.config.TransmitterConfig.Delivery;
import io.portcullis.fixtures.TransmitterPusher;
import io.portcullis.identity.events.EventType;
import io.portcullis.identity.events.SsfBed;
import io.portcullis.identity.events.actions.SecurityAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8935 push over real HTTP: Portcullis creates a push stream at the transmitter (discovery, OAuth
 * client credentials, stream creation, verification), then the transmitter pushes. Good SETs are answered
 * 202 and acted on; hostile requests get 400 with the RFC's error code, and nothing reaches the sink.
 */
class PushDeliveryTest {

    private static SsfBed bed;
    private static PushServer server;
    private static TransmitterReceiver receiver;
    private static final List<Integer> ANSWERED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        bed = new SsfBed();
        server = new PushServer();
        SecurityEventsListener listener = new SecurityEventsListener() {
            @Override
            public void pushAnswered(String transmitter, int status) {
                ANSWERED.add(status);
            }
        };
        receiver = new TransmitterReceiver(bed.config(Delivery.PUSH, server.url("corp"), null), bed.http, bed.scheduler,
                bed.replay, bed.sink, listener, Clock.systemUTC());
        server.route("corp", receiver.push());
        StreamConfig stream = SsfBed.await(receiver.start());
        assertEquals(StreamConfig.PUSH, stream.deliveryMethod());
    }

    @AfterAll
    static void close() {
        receiver.close();
        server.close();
        bed.close();
    }

    @Test
    void theStreamIsCreatedForPushAndVerified() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> delivery = (Map<String, Object>) bed.transmitter.lastCreateRequest().get("delivery");
        assertEquals(server.url("corp").toString(), delivery.get("endpoint_url"));
        assertEquals("Bearer " + SsfBed.PUSH_SECRET, delivery.get("authorization_header"));
        assertTrue(((List<?>) bed.transmitter.lastCreateRequest().get("events_requested"))
                .contains(EventType.SESSION_REVOKED.uri()));
        // The transmitter pushes the verification event after answering the request: wait for it.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bed.sink.actions(SecurityAction.Verified.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertNotNull(bed.sink.actions(SecurityAction.Verified.class).get(0).state());
    }

    @Test
    void aGoodSetIsAcceptedAndActedOn() {
        String set = bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice()).sign();
        TransmitterPusher.Delivery answer = bed.transmitter.push(set);
        assertEquals(202, answer.status());
        assertEquals("", answer.body());
        assertTrue(bed.sink.actions(SecurityAction.RevokeSubjectBefore.class).stream()
                .anyMatch(a -> a.ref().jti().equals(jti(set))));
        assertTrue(ANSWERED.contains(202));
    }

    @Test
    void hostilePushesAreRefusedWithTheRfcCodesAndRevokeNothing() throws Exception {
        int before = bed.sink.actions().size();
        var set = bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice());
        assertRefused("invalid_key", bed.transmitter.push(set.signedWithForeignKey()));
        assertRefused("invalid_key", bed.transmitter.push(set.unsigned()));
        assertRefused("invalid_key", bed.transmitter.push(set.hmacWithPublicKey()));
        assertRefused("invalid_audience", bed.transmitter.push(bed.transmitter.set("someone-else",
                EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice()).sign()));
        assertRefused("invalid_issuer", bed.transmitter.push(set.issuer("https://evil.example").sign()));
        assertRefused("invalid_request", bed.transmitter.push(set.issuer(bed.transmitter.issuer()).type("JWT").sign()));
        assertRefused("invalid_request", bed.transmitter.push(set.type("secevent+jwt")
                .issuedAt(java.time.Instant.now().plusSeconds(3600)).sign()));
        assertRefused("invalid_request", bed.transmitter.push(bed.transmitter.set(SsfBed.AUDIENCE,
                EventType.SESSION_REVOKED.uri(), Map.of(), Map.of("format", "shoe_size")).sign()));
        assertRefused("invalid_request", bed.transmitter.push("{\"not\":\"a jwt\"}"));
        String good = bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice()).sign();
        assertRefused("authentication_failed", bed.transmitter.pushRaw(good.getBytes(StandardCharsets.US_ASCII),
                "application/secevent+jwt", "Bearer wrong-secret"));
        assertRefused("authentication_failed", bed.transmitter.pushRaw(good.getBytes(StandardCharsets.US_ASCII),
                "application/secevent+jwt", ""));
        assertRefused("invalid_request", bed.transmitter.pushRaw(good.getBytes(StandardCharsets.US_ASCII),
                "application/json", null));
        assertRefused("invalid_request", bed.transmitter.pushRaw(new byte[1024 * 1024], "application/secevent+jwt", null));
        assertEquals(before, bed.sink.actions().size(), "nothing was revoked");
        // The good SET was never accepted above, so its jti is still unused; a replay of it is refused.
        assertEquals(202, bed.transmitter.push(good).status());
        assertRefused("invalid_request", bed.transmitter.push(good));
        assertEquals(before + 1, bed.sink.actions().size());
    }

    @Test
    void theEndpointRefusesAnOversizedBodyWithoutReadingIt() {
        PushResponse early = receiver.push().refuseLength(1024 * 1024);
        assertEquals(400, early.status());
        assertEquals(null, receiver.push().refuseLength(1000));
        PushResponse handled = SsfBed.await(receiver.push().handle(new PushRequest(null, null, new byte[1024 * 1024])));
        assertEquals(400, handled.status());
        assertTrue(new String(handled.body(), StandardCharsets.UTF_8).contains("invalid_request"));
    }

    private static void assertRefused(String err, TransmitterPusher.Delivery answer) throws Exception {
        assertEquals(400, answer.status(), answer.body());
        Map<String, Object> json = JSONObjectUtils.parse(answer.body());
        assertEquals(err, json.get("err"), answer.body());
        assertInstanceOf(String.class, json.get("description"));
    }

    private static String jti(String set) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(set).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
