package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.RiskFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Criterion;
import io.portcullis.policy.values.ValueTest;
import java.util.List;

/**
 * One signal test of a {@code risk} criterion. Without risk facts, or without a score for a score
 * test, it is UNKNOWN. The proxy always computes risk facts when it uses them, so a missing one
 * raises no lint warning, but it still fails closed.
 */
public final class RiskSignalCriterion extends Criterion {

    /** The signals a policy may test. */
    enum Signal {
        NEW_DEVICE("new_device", "risk-new-device"),
        NEW_NETWORK("new_network", "risk-new-network"),
        SCORE("score", "risk-score");

        /** The names a policy writes, in documentation order. */
        static final List<String> KEYS = List.of("new_device", "new_network", "score");

        private final String key;
        private final String failReason;

        Signal(String key, String failReason) {
            this.key = key;
            this.failReason = failReason;
        }

        /** The signal a policy names; the name was already checked against {@link #KEYS}. */
        static Signal named(String key) {
            for (Signal s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no risk signal " + key);
        }

        Object value(RiskFacts risk) {
            return switch (this) {
                case NEW_DEVICE -> risk.newDevice();
                case NEW_NETWORK -> risk.newNetwork();
                case SCORE -> risk.score();
            };
        }
    }

    private final Signal signal;
    private final ValueTest test;

    RiskSignalCriterion(Position position, Signal signal, ValueTest test) {
        super(position);
        this.signal = signal;
        this.test = test;
    }

    @Override
    public Tri evaluate(PolicyInput input) {
        RiskFacts risk = input.risk();
        if (risk == null) {
            return Tri.UNKNOWN;
        }
        Object value = signal.value(risk);
        return value == null ? Tri.UNKNOWN : test.test(value);
    }

    @Override
    public String passReason() {
        return "risk-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return input.risk() == null ? "risk-unknown" : signal.failReason;
    }

    @Override
    public String missingFact() {
        return null;
    }

    @Override
    protected boolean readsIdentity() {
        return false;
    }
}
