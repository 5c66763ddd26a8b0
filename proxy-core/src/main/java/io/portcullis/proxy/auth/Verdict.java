package io.portcullis.proxy.auth;

import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyInput;
import java.util.List;

/**
 * What the authorization stage concluded for one request, and the facts it used (for headers,
 * the decision log and metrics).
 *
 * @param kind            what the proxy does next
 * @param reasons         reason codes (never empty)
 * @param decision        the policy decision, null when the request never reached the policy
 * @param identity        verified identity, null when anonymous or refused
 * @param posture         verified posture, null when absent
 * @param postureProblem  why a presented posture token was ignored, else null
 * @param input           what the policy was given (so a shadow policy can judge the very same
 *                        facts), null when the request never reached the policy
 */
public record Verdict(
        Kind kind,
        List<String> reasons,
        Decision decision,
        Identity identity,
        DevicePosture posture,
        String postureProblem,
        PolicyInput input) {

    /** A verdict without the policy input (the request never reached the policy, or a caller that keeps none). */
    public Verdict(Kind kind, List<String> reasons, Decision decision, Identity identity, DevicePosture posture,
                   String postureProblem) {
        this(kind, reasons, decision, identity, posture, postureProblem, null);
    }

    /** Next step for the proxy. */
    public enum Kind {
        /** Forward to the upstream. */
        FORWARD,
        /** 400: the credentials themselves are ambiguous. */
        BAD_REQUEST,
        /** 401: no or invalid identity. */
        UNAUTHENTICATED,
        /** 401 insufficient_user_authentication: step-up needed. */
        CHALLENGE,
        /** 403: policy says no, or an internal error (fail closed). */
        FORBIDDEN
    }

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /** True when a token was given but refused (401 with {@code error="invalid_token"}). */
    public boolean tokenRejected() {
        return kind == Kind.UNAUTHENTICATED && !reasons.isEmpty() && !reasons.get(0).equals("token-missing");
    }
}
