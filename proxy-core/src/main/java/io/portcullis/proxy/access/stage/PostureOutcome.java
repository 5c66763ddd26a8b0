package io.portcullis.proxy.access.stage;

import io.portcullis.identity.DevicePosture;
import io.portcullis.policy.DeviceFacts;

/**
 * The device the request comes from, as far as it was verified.
 *
 * @param posture the verified posture (token, claim and/or client certificate), or null
 * @param facts   what the policy sees of the device, or null when there is none
 * @param problem why a presented posture token was ignored, else null
 */
public record PostureOutcome(DevicePosture posture, DeviceFacts facts, String problem) {

    /** The outcome for a verified posture (or none) and a problem (or none). */
    public static PostureOutcome of(DevicePosture posture, String problem) {
        DeviceFacts facts = posture == null ? null
                : new DeviceFacts(posture.deviceId(), posture.source(), posture.attributes());
        return new PostureOutcome(posture, facts, problem);
    }
}
