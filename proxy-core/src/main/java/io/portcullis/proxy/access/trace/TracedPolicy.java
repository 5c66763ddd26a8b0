package io.portcullis.proxy.access.trace;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyInput;
import io.portcullis.proxy.access.AccessRequest;
import io.portcullis.proxy.access.AccessTrace;
import io.portcullis.proxy.access.stage.PolicyStage;

/**
 * A {@link PolicyStage} whose evaluation of a traced request is a step named {@code policy}, with the
 * policy, the rule that decided, the outcome and the reason codes.
 */
public final class TracedPolicy implements PolicyStage {

    private static final String STEP = "policy";

    private final PolicyStage delegate;

    public TracedPolicy(PolicyStage delegate) {
        this.delegate = delegate;
    }

    @Override
    public Decision evaluate(AccessRequest request, PolicyInput input) {
        AccessTrace trace = request.trace();
        if (!trace.recording()) {
            return delegate.evaluate(request, input);
        }
        AccessTrace.Step step = trace.step(STEP);
        try {
            Decision d = delegate.evaluate(request, input);
            step.attribute(TraceKeys.POLICY, d.policy()).attribute(TraceKeys.RULE, d.rule())
                    .attribute(TraceKeys.POLICY_OUTCOME, d.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .attribute(TraceKeys.REASONS, d.reasons());
            return d;
        } catch (RuntimeException e) {
            step.failed(e.getClass().getSimpleName());
            throw e;
        } finally {
            step.end();
        }
    }
}
