package io.portcullis.identity;

/**
 * The outcome of resolving device posture. An invalid posture token is never an error of the whole
 * request: it is {@link Absent} with its own reason code.
 */
public sealed interface PostureResult {

    record Present(DevicePosture posture) implements PostureResult {
    }

    /**
     * No usable posture. {@code reason} is null when none was presented, otherwise a code such as
     * {@code posture-signature-invalid}, {@code posture-expired}, {@code posture-stale},
     * {@code posture-subject-mismatch}, {@code posture-issuer-not-device}.
     */
    record Absent(String reason) implements PostureResult {
    }
}
