package io.portcullis.proxy.access.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.access.AccessTrace;
import io.portcullis.proxy.access.authn.Authentication;
import io.portcullis.proxy.access.authn.Authenticator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Each answer of a traced request is one ended step with its outcome and reason; an untraced request none. */
class TracedAuthenticatorTest {

    private static final CompletableFuture<Authentication> EXPIRED =
            CompletableFuture.completedFuture(new Authentication.Anonymous("token-expired", null, null));

    @Test
    void anUntracedRequestGoesStraightThroughAndStartsNoStep() {
        AccessTrace refusesSteps = new AccessTrace() {
            @Override
            public boolean recording() {
                return false;
            }

            @Override
            public Step step(String name) {
                throw new AssertionError("no step for a request that is not recorded");
            }
        };
        assertSame(EXPIRED, new TracedAuthenticator(r -> EXPIRED, "bearer")
                .authenticate(RecordedTrace.request(refusesSteps)));
        assertSame(EXPIRED, new TracedAuthenticator(r -> EXPIRED, "bearer")
                .authenticate(RecordedTrace.request(AccessTrace.OFF)));
    }

    @Test
    void aSynchronousRefusalIsAnEndedStepWithItsReason() {
        RecordedTrace trace = new RecordedTrace();
        assertSame(EXPIRED, new TracedAuthenticator(r -> EXPIRED, "bearer").authenticate(RecordedTrace.request(trace)));
        assertEquals(1, trace.steps.size());
        RecordedTrace.RecordedStep step = trace.steps.get(0);
        assertEquals("authenticate bearer", step.name);
        assertEquals("anonymous", step.attributes.get(TraceKeys.AUTHN_OUTCOME));
        assertEquals("token-expired", step.attributes.get(TraceKeys.REASON));
        assertEquals(1, step.ends);
        assertNull(step.failure);
    }

    @Test
    void anAsynchronousAnswerEndsTheStepWhenItArrives() {
        RecordedTrace trace = new RecordedTrace();
        CompletableFuture<Authentication> later = new CompletableFuture<>();
        Authenticator session = r -> later;
        CompletableFuture<Authentication> answer = new TracedAuthenticator(session, "session")
                .authenticate(RecordedTrace.request(trace));
        RecordedTrace.RecordedStep step = trace.steps.get(0);
        assertEquals(0, step.ends, "still fetching");
        later.complete(Authentication.NOT_RESPONSIBLE);
        assertSame(Authentication.NOT_RESPONSIBLE, answer.join(), "the caller gets the authenticator's own answer");
        assertEquals("not-responsible", step.attributes.get(TraceKeys.AUTHN_OUTCOME));
        assertEquals(1, step.ends);
    }

    @Test
    void aFailureIsAFailedEndedStepAndStillTheCallersFailure() {
        RecordedTrace trace = new RecordedTrace();
        CompletableFuture<Authentication> broken = CompletableFuture.failedFuture(new IllegalStateException("jwks"));
        CompletableFuture<Authentication> answer = new TracedAuthenticator(r -> broken, "bearer")
                .authenticate(RecordedTrace.request(trace));
        assertThrows(CompletionException.class, answer::join);
        assertEquals("IllegalStateException", trace.steps.get(0).failure);
        assertEquals(1, trace.steps.get(0).ends);

        RecordedTrace thrown = new RecordedTrace();
        assertThrows(IllegalArgumentException.class, () -> new TracedAuthenticator(r -> {
            throw new IllegalArgumentException("bug");
        }, "bearer").authenticate(RecordedTrace.request(thrown)));
        assertEquals("IllegalArgumentException", thrown.steps.get(0).failure);
        assertEquals(1, thrown.steps.get(0).ends);
        assertTrue(thrown.steps.get(0).attributes.isEmpty());
    }
}
