package io.portcullis.proxy.access.trace;

import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessTrace;
import io.portcullis.proxy.access.authn.Authentication;
import io.portcullis.proxy.access.authn.Authenticator;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link Authenticator} whose every answer to a traced request is a step named
 * {@code authenticate <kind>}, with the outcome ({@code authenticated}, {@code anonymous},
 * {@code not-responsible}, {@code ambiguous}), the reason code of a refusal and the issuer id of an
 * accepted credential. Never the credential, never the subject.
 */
public final class TracedAuthenticator implements Authenticator {

    private final Authenticator delegate;
    private final String stepName;

    /** {@code kind} names the credential read ({@code bearer}, {@code session}). */
    public TracedAuthenticator(Authenticator delegate, String kind) {
        this.delegate = delegate;
        this.stepName = "authenticate " + kind;
    }

    @Override
    public CompletableFuture<Authentication> authenticate(AccessRequest request) {
        AccessTrace trace = request.trace();
        if (!trace.recording()) {
            return delegate.authenticate(request);
        }
        AccessTrace.Step step = trace.step(stepName);
        CompletableFuture<Authentication> answer;
        try {
            answer = delegate.authenticate(request);
        } catch (RuntimeException e) {
            step.failed(e.getClass().getSimpleName()).end();
            throw e;
        }
        answer.whenComplete((a, e) -> {
            if (e != null) {
                step.failed(e.getClass().getSimpleName());
            } else {
                describe(step, a);
            }
            step.end();
        });
        return answer;
    }

    private static void describe(AccessTrace.Step step, Authentication a) {
        if (a instanceof Authentication.Authenticated who) {
            step.attribute(TraceKeys.AUTHN_OUTCOME, "authenticated");
            if (who.identity() != null) {
                step.attribute(TraceKeys.ISSUER, who.identity().issuerId());
            }
        } else if (a instanceof Authentication.Anonymous anonymous) {
            step.attribute(TraceKeys.AUTHN_OUTCOME, "anonymous").attribute(TraceKeys.REASON, anonymous.reason());
        } else if (a instanceof Authentication.Ambiguous ambiguous) {
            step.attribute(TraceKeys.AUTHN_OUTCOME, "ambiguous").attribute(TraceKeys.REASON, ambiguous.reason());
        } else {
            step.attribute(TraceKeys.AUTHN_OUTCOME, "not-responsible");
        }
    }
}
