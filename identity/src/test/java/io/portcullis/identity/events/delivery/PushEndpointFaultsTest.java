package io.portcullis.identity.events.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.TransmitterConfig.Delivery;
import io.portcullis.identity.events.EventType;
import io.portcullis.identity.events.SetVerifier;
import io.portcullis.identity.events.SsfBed;
import io.portcullis.identity.events.actions.SecurityActionSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the fault is ours (keys not loaded, replay store or sink unavailable) a push is answered 503 with
 * Retry-After, never 400: the transmitter must deliver the SET again rather than drop it.
 */
class PushEndpointFaultsTest {

    private static SsfBed bed;

    @BeforeAll
    static void start() {
        bed = new SsfBed();
    }

    @AfterAll
    static void close() {
        bed.close();
    }

    private static PushRequest push(String set) {
        return new PushRequest("Bearer " + SsfBed.PUSH_SECRET, "application/secevent+jwt; charset=us-ascii",
                set.getBytes(StandardCharsets.US_ASCII));
    }

    private static String set() {
        return bed.transmitter.set(SsfBed.AUDIENCE, EventType.SESSION_REVOKED.uri(), Map.of(), bed.alice()).sign();
    }

    @Test
    void beforeTheKeysAreLoadedPushesAreDeferred() {
        // A receiver not yet started has no keys.
        try (TransmitterReceiver receiver = new TransmitterReceiver(bed.config(Delivery.PUSH, null, "s"), bed.http,
                bed.scheduler, bed.replay, bed.sink, SecurityEventsListener.NONE, Clock.systemUTC())) {
            PushResponse response = SsfBed.await(receiver.push().handle(push(set())));
            assertEquals(503, response.status());
            assertEquals(30, response.retryAfterSeconds());
            assertTrue(bed.sink.actions().isEmpty());
        }
    }

    @Test
    void aSinkThatCannotRecordMakesThePushBeDeliveredAgain() {
        SecurityActionSink broken = action -> CompletableFuture.failedFuture(new IllegalStateException("store down"));
        SetIntake intake = new SetIntake(bed.verifier(), broken, SecurityEventsListener.NONE, Clock.systemUTC());
        PushResponse response = SsfBed.await(new PushEndpoint(intake, SsfBed.PUSH_SECRET, SecurityEventsListener.NONE)
                .handle(push(set())));
        assertEquals(503, response.status());
        assertEquals(0, response.body().length, "no error body: nothing is wrong with the SET");
    }

    @Test
    void theRetryOfAPushThatCouldNotBeRecordedIsAppliedNotRefusedAsAReplay() {
        java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        SecurityActionSink flaky = action -> storeDown.get()
                ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
                : bed.sink.apply(action);
        PushEndpoint endpoint = new PushEndpoint(new SetIntake(bed.verifier(), flaky, SecurityEventsListener.NONE,
                Clock.systemUTC()), SsfBed.PUSH_SECRET, SecurityEventsListener.NONE);
        String set = set();
        int before = bed.sink.actions().size();
        assertEquals(503, SsfBed.await(endpoint.handle(push(set))).status());
        assertEquals(before, bed.sink.actions().size(), "nothing recorded while the store is down");

        storeDown.set(false);
        PushResponse retry = SsfBed.await(endpoint.handle(push(set)));
        assertEquals(202, retry.status(), new String(retry.body(), StandardCharsets.UTF_8));
        assertEquals(before + 1, bed.sink.actions().size(), "the retried event is acted on");
        PushResponse again = SsfBed.await(endpoint.handle(push(set)));
        assertEquals(400, again.status(), "once recorded, the same SET is a replay");
        assertEquals(before + 1, bed.sink.actions().size());
    }

    @Test
    void aReplayStoreThatCannotAnswerFailsClosed() {
        SetVerifier verifier = new SetVerifier(bed.trust(java.util.List.of("RS256")), bed.keys(),
                (namespace, value, ttl) -> CompletableFuture.failedFuture(new IllegalStateException("redis down")),
                Clock.systemUTC());
        SetIntake intake = new SetIntake(verifier, bed.sink, SecurityEventsListener.NONE, Clock.systemUTC());
        int before = bed.sink.actions().size();
        IntakeResult result = SsfBed.await(intake.receive(set()));
        assertEquals(io.portcullis.identity.events.SetFailure.REPLAY_UNKNOWN, result.failure());
        assertEquals(before, bed.sink.actions().size(), "nothing acted on");
        PushResponse response = SsfBed.await(new PushEndpoint(intake, SsfBed.PUSH_SECRET, SecurityEventsListener.NONE)
                .handle(push(set())));
        assertEquals(503, response.status());
    }

    @Test
    void aPollTransmitterIsDeniedPushes() {
        PushResponse response = SsfBed.await(new PushEndpoint(bed.intake(SecurityEventsListener.NONE), null,
                SecurityEventsListener.NONE).handle(push(set())));
        assertEquals(400, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("\"err\":\"access_denied\""));
    }
}
