package io.portcullis.proxy.auth;

import io.portcullis.policy.Decision;
import io.portcullis.policy.StepUp;
import java.util.List;

/**
 * The {@code WWW-Authenticate} value of a step-up 401 (RFC 9470): {@code insufficient_user_authentication}
 * with the reasons, plus {@code acr_values} and {@code max_age} (seconds) when the decision says what
 * the new login must satisfy, so a client can ask its authorization server for exactly that.
 */
public final class StepUpChallenge {

    private StepUpChallenge() {
    }

    public static String header(List<String> reasons, Decision decision) {
        StringBuilder sb = new StringBuilder(160)
                .append("Bearer realm=\"portcullis\", error=\"insufficient_user_authentication\", error_description=\"");
        appendQuoted(sb, String.join(" ", reasons));
        sb.append('"');
        StepUp stepUp = decision == null ? null : decision.stepUp();
        if (stepUp != null) {
            if (!stepUp.acrValues().isEmpty()) {
                sb.append(", acr_values=\"");
                appendQuoted(sb, String.join(" ", stepUp.acrValues()));
                sb.append('"');
            }
            if (stepUp.maxAge() != null) {
                sb.append(", max_age=\"").append(stepUp.maxAge().getSeconds()).append('"');
            }
        }
        return sb.toString();
    }

    /** Keeps a value inside its quoted-string: config text could hold a quote or a control character. */
    private static void appendQuoted(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            }
        }
    }
}
