package io.portcullis.proxy.access.stage;

import io.portcullis.identity.DevicePosture;
import io.portcullis.policy.DeviceFacts;
import java.util.concurrent.CompletableFuture;

/**
 * The device the request comes from, as far as it was verified.
 *
 * @param posture the verified posture (token, claim and/or client certificate), or null
 * @param facts   what the policy sees of the device, or null when there is none
 * @param problem why a presented posture token was ignored, else null
 */
public record PostureOutcome(DevicePosture posture, DeviceFacts facts, String problem) {

    /** No device and nothing wrong: what most requests have (no posture configured, no certificate). */
    public static final PostureOutcome NONE = new PostureOutcome(null, null, null);

    /** {@link #NONE}, completed, shared: a request without a device allocates no outcome. */
    public static final CompletableFuture<PostureOutcome> NONE_NOW = CompletableFuture.completedFuture(NONE);

    /** The outcome for a verified posture (or none) and a problem (or none). */
    public static PostureOutcome of(DevicePosture posture, String problem) {
        if (posture == null && problem == null) {
            return NONE;
        }
        DeviceFacts facts = posture == null ? null
                : new DeviceFacts(posture.deviceId(), posture.source(), posture.attributes());
        return new PostureOutcome(posture, facts, problem);
    }
}
