package io.portcullis.identity.events.delivery;

import io.portcullis.identity.events.SetFailure;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a push: {@code 202} with no body when the SET was accepted; {@code 400} with the
 * RFC 8935 §2.3 JSON error ({@code {"err": ..., "description": ...}}) when it was refused; {@code 503}
 * with {@code Retry-After} when the fault is ours and the transmitter should deliver it again.
 *
 * @param contentType null when there is no body
 * @param retryAfterSeconds the {@code Retry-After} value, or 0 for none
 * @param reason a stable code for the decision log: {@code set-accepted}, or {@code set-} and the
 *               failure's label (e.g. {@code set-signature-invalid})
 */
public record PushResponse(int status, String contentType, byte[] body, int retryAfterSeconds, String reason) {

    static final int RETRY_AFTER_SECONDS = 30;

    static PushResponse accepted() {
        return new PushResponse(202, null, new byte[0], 0, "set-accepted");
    }

    static PushResponse refused(SetFailure failure) {
        if (failure.temporary()) {
            return new PushResponse(503, null, new byte[0], RETRY_AFTER_SECONDS, "set-" + failure.label());
        }
        // Both values are fixed strings of ours: nothing to escape.
        String json = "{\"err\":\"" + failure.errorCode() + "\",\"description\":\"" + failure.description() + "\"}";
        return new PushResponse(400, "application/json", json.getBytes(StandardCharsets.UTF_8), 0,
                "set-" + failure.label());
    }
}
