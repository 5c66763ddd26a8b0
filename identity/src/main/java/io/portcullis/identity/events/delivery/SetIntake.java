package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import io.portcullis.identity.events.SetVerification;
import io.portcullis.identity.events.SetVerifier;
import io.portcullis.identity.events.actions.EventActions;
import io.portcullis.identity.events.actions.SecurityAction;
import io.portcullis.identity.events.actions.SecurityActionSink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a delivered SET goes, by push or by poll alike: verified, turned into actions, each action
 * handed to the sink, and reported. A SET is accepted only once every action is recorded.
 */
public final class SetIntake {

    private static final Logger LOG = LoggerFactory.getLogger(SetIntake.class);

    private final SetVerifier verifier;
    private final SecurityActionSink sink;
    private final SecurityEventsListener listener;
    private final Clock clock;

    public SetIntake(SetVerifier verifier, SecurityActionSink sink, SecurityEventsListener listener, Clock clock) {
        this.verifier = verifier;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
    }

    public String transmitter() {
        return verifier.trust().transmitter();
    }

    /** Verifies and applies one SET. Never completes exceptionally. */
    public CompletableFuture<IntakeResult> receive(String compact) {
        return verifier.verify(compact).thenCompose(verification -> {
            if (verification instanceof SetVerification.Refused refused) {
                return CompletableFuture.completedFuture(refuse(refused.failure(), refused.jti()));
            }
            var set = ((SetVerification.Accepted) verification).set();
            List<SecurityAction> actions = EventActions.of(set);
            CompletableFuture<?>[] applied = actions.stream()
                    .map(action -> sink.apply(action).toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(applied).handle((ok, failure) -> failure).thenCompose(failure -> {
                if (failure != null) {
                    return notRecorded(set.jti());
                }
                actions.forEach(this::report);
                listener.lag(transmitter(), Duration.between(set.issuedAt(), clock.instant()));
                return CompletableFuture.completedFuture(new IntakeResult(null, set.jti(), actions));
            });
        });
    }

    private CompletableFuture<IntakeResult> notRecorded(String jti) {
        LOG.warn("security event {} from {} could not be recorded; the transmitter is asked to deliver it again",
                jti, transmitter());
        // Its jti was recorded before the actions ran: released, or the retry would be refused as a replay
        // and the event lost.
        return verifier.forget(jti).toCompletableFuture().handle((released, failure) -> {
            if (failure != null) {
                LOG.warn("security event {} from {}: its jti could not be released; a retry within the replay "
                        + "window will be refused as a duplicate", jti, transmitter());
            }
            return refuse(SetFailure.ACTION_FAILED, jti);
        });
    }

    private void report(SecurityAction action) {
        LOG.info("security event {} ({}) from {}: {}", action.ref().jti(), action.ref().type(), transmitter(),
                action.getClass().getSimpleName());
        listener.applied(action);
    }

    private IntakeResult refuse(SetFailure failure, String jti) {
        // The SET's content is not logged: it was not verified, and may be built to mislead.
        LOG.info("SET from {} refused: {}", transmitter(), failure.label());
        listener.refused(transmitter(), failure);
        return IntakeResult.refused(failure, jti);
    }
}
