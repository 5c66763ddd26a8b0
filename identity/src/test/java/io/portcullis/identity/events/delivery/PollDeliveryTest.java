package io.portcullis.identity.events.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.TransmitterConfig;
import io.portcullis.config.TransmitterConfig.Delivery;
import io.portcullis.identity.events.EventType;
import io.portcullis.identity.events.SsfBed;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.oidc.NimbusHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 8936 poll against a real transmitter: SETs received, applied and acknowledged in the next request,
 * refused ones reported in {@code setErrs} (and never acted on), a redelivered one acknowledged again
 * without acting twice; and the receiver's own loop picking up the stream's verification event.
 */
class PollDeliveryTest {

    private final SsfBed bed = new SsfBed();

    @AfterEach
    void close() {
        bed.close();
    }

    private PollClient pollClient(TransmitterConfig config) {
        AccessTokens tokens = new AccessTokens(config.client(), new NimbusHttp(bed.http), Clock.systemUTC());
        StreamClient streams = new StreamClient(config, bed.http, Duration.ofSeconds(10), tokens);
        SsfMetadata metadata = SsfBed.await(streams.discover());
        StreamConfig stream = SsfBed.await(streams.create(metadata));
        assertEquals(StreamConfig.POLL, stream.deliveryMethod());
        return new PollClient(stream.endpointUrl(), config.pollMaxEvents(), config.pollInterval(), bed.http,
                Duration.ofSeconds(10), tokens, bed.intake(SecurityEventsListener.NONE), SecurityEventsListener.NONE);
    }

    private String revoke(String jti) {
        return bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSIONS_REVOKED.uri(), Map.of(), bed.alice())
                .claim("jti", jti).sign();
    }

    @Test
    void setsAreAcknowledgedOrRefusedInTheNextRequest() {
        PollClient poll = pollClient(bed.config(Delivery.POLL, null, null));
        bed.transmitter.queue().add(revoke("a"));
        bed.transmitter.queue().add(bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSIONS_REVOKED.uri(), Map.of(),
                bed.alice()).claim("jti", "b").signedWithForeignKey());
        bed.transmitter.queue().add(revoke("c"));

        PollRound first = SsfBed.await(poll.pollOnce()); // maxEvents 2: a and b
        assertEquals(new PollRound(2, 1, 1, true), first);
        PollRound second = SsfBed.await(poll.pollOnce()); // acks a, refuses b; gets c
        assertEquals(new PollRound(1, 1, 0, false), second);
        PollRound third = SsfBed.await(poll.pollOnce()); // acks c
        assertEquals(new PollRound(0, 0, 0, false), third);

        assertEquals(List.of("a", "c"), bed.transmitter.queue().acked());
        assertEquals("invalid_key", bed.transmitter.queue().errors().get("b").get("err"));
        assertEquals(0, bed.transmitter.queue().pendingCount());
        assertEquals(List.of("a", "c"), bed.sink.actions(SecurityAction.RevokeSubjectBefore.class).stream()
                .map(a -> a.ref().jti()).toList(), "b was never acted on");
        Map<String, Object> lastRequest = bed.transmitter.queue().requests().get(2);
        assertEquals(true, lastRequest.get("returnImmediately"));
        assertEquals(2L, ((Number) lastRequest.get("maxEvents")).longValue());
    }

    @Test
    void aRedeliveredSetIsAcknowledgedAgainButActedOnOnce() {
        PollClient poll = pollClient(bed.config(Delivery.POLL, null, null));
        String set = revoke("once");
        bed.transmitter.queue().add(set);
        SsfBed.await(poll.pollOnce());
        SsfBed.await(poll.pollOnce());
        // The transmitter lost our acknowledgement and offers the SET again.
        bed.transmitter.queue().add(set);
        assertEquals(new PollRound(1, 1, 0, false), SsfBed.await(poll.pollOnce()));
        SsfBed.await(poll.pollOnce());
        assertEquals(List.of("once", "once"), bed.transmitter.queue().acked());
        assertEquals(1, bed.sink.actions(SecurityAction.RevokeSubjectBefore.class).size());
    }

    @Test
    void theReceiverPollsOnItsOwnAndSeesTheVerificationEvent() throws Exception {
        try (TransmitterReceiver receiver = new TransmitterReceiver(bed.config(Delivery.POLL, null, null), bed.http,
                bed.scheduler, bed.replay, bed.sink, SecurityEventsListener.NONE, Clock.systemUTC())) {
            StreamConfig stream = SsfBed.await(receiver.start());
            assertEquals(StreamConfig.POLL, stream.deliveryMethod());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (bed.transmitter.queue().acked().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, bed.transmitter.queue().acked().size(), "the verification SET was acknowledged");
            assertEquals(1, bed.sink.actions(SecurityAction.Verified.class).size());
        }
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        Duration interval = Duration.ofSeconds(10);
        for (int failures = 1; failures < 40; failures++) {
            Duration delay = PollClient.backoff(interval, failures);
            long expected = Math.min(interval.toMillis() << Math.min(failures, 16), PollClient.MAX_BACKOFF.toMillis());
            assertTrue(delay.toMillis() >= expected * 0.8 - 1 && delay.toMillis() <= expected * 1.2 + 1, delay.toString());
        }
        assertFalse(PollClient.backoff(interval, 1).compareTo(PollClient.MAX_BACKOFF) > 0);
    }
}
