package io.portcullis.identity.revocation;

import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.PostureResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies a device's loss of compliance (a CAEP {@code device-compliance-change}) to verified posture:
 * posture of that device asserted at or before the event, or asserted with no time at all (a posture
 * claim inside the identity token), says {@code compliant: false}; a posture token issued after the
 * event decides again. The posture stays present, so a policy sees the device, not a missing posture.
 */
public final class DeviceRevocationCheck {

    /** The attribute a compliance policy reads ({@code device: {compliant: true}}). */
    static final String COMPLIANT = "compliant";

    private DeviceRevocationCheck() {
    }

    /** {@code result}, or the same posture marked not compliant when its device was revoked before it. */
    public static PostureResult apply(Revocations revocations, PostureResult result) {
        if (revocations.noneOf(Revocation.Kind.DEVICE) || !(result instanceof PostureResult.Present present)) {
            return result;
        }
        DevicePosture posture = present.posture();
        if (posture.deviceId() == null) {
            return result;
        }
        Instant revoked = revocations.revokedAt(Revocation.Kind.DEVICE, "", posture.deviceId());
        if (revoked == null || (posture.issuedAt() != null && posture.issuedAt().isAfter(revoked))) {
            return result;
        }
        Map<String, Object> attributes = new HashMap<>(posture.attributes());
        attributes.put(COMPLIANT, Boolean.FALSE);
        return new PostureResult.Present(new DevicePosture(posture.deviceId(), posture.source(), attributes,
                posture.issuedAt()));
    }
}
