package io.portcullis.policy;

/**
 * How a shadow policy's decision differs from the enforced one, for counting and logging what a
 * policy change would do before it is enforced.
 */
public enum ShadowComparison {
    /** Both reach the same outcome (reasons may differ). */
    AGREE("agree"),
    /** The shadow policy would allow a request the enforced one refuses or challenges. */
    WOULD_ALLOW("would-allow"),
    /** The shadow policy would deny a request the enforced one allows or challenges. */
    WOULD_DENY("would-deny"),
    /** The shadow policy would challenge a request the enforced one allows or denies. */
    WOULD_CHALLENGE("would-challenge");

    private final String code;

    ShadowComparison(String code) {
        this.code = code;
    }

    /** The label for logs and metrics: {@code agree}, {@code would-allow}... */
    public String code() {
        return code;
    }

    public static ShadowComparison compare(Decision enforced, Decision shadow) {
        if (enforced.outcome() == shadow.outcome()) {
            return AGREE;
        }
        return switch (shadow.outcome()) {
            case ALLOW -> WOULD_ALLOW;
            case DENY -> WOULD_DENY;
            case CHALLENGE -> WOULD_CHALLENGE;
        };
    }
}
