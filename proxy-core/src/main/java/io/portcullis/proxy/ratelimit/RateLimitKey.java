package io.portcullis.proxy.ratelimit;

import io.portcullis.config.RateLimitConfig;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;

/**
 * Whose bucket a request takes from. {@code per: device} falls back to the subject when the request
 * has no device id, and anything without a verified identity (a public route's anonymous requests)
 * to the source address, so no request escapes its limit by leaving a fact out.
 */
public final class RateLimitKey {

    private RateLimitKey() {
    }

    public static String of(RateLimitConfig limit, Identity identity, DevicePosture posture, String sourceIp) {
        if (limit.per().equals("device") && posture != null && posture.deviceId() != null) {
            return "device:" + posture.deviceId();
        }
        if (!limit.per().equals("source_ip") && identity != null) {
            return "subject:" + identity.issuerId() + '\n' + identity.subject();
        }
        return "ip:" + sourceIp;
    }
}
