package io.portcullis.identity.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.PostureResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A device out of compliance: its posture asserted before the event says not compliant; a newer one decides. */
class DeviceRevocationCheckTest {

    private static final Instant EVENT = Instant.parse("2026-01-01T12:00:00Z");
    private final LocalRevocations revocations = new LocalRevocations(Clock.fixed(EVENT, ZoneOffset.UTC));

    private static PostureResult posture(String device, Instant issuedAt) {
        return new PostureResult.Present(new DevicePosture(device, "token:mdm",
                Map.of("compliant", true, "managed", true), issuedAt));
    }

    private void revoke(String device) {
        revocations.revoke(new Revocation(Revocation.Kind.DEVICE, "", device, EVENT, EVENT.plus(Duration.ofHours(1))));
    }

    private static Object compliant(PostureResult r) {
        return ((PostureResult.Present) r).posture().attributes().get("compliant");
    }

    @Test
    void postureAssertedBeforeTheEventOrWithoutTimeSaysNotCompliant() {
        revoke("laptop-1");
        PostureResult before = DeviceRevocationCheck.apply(revocations, posture("laptop-1", EVENT.minusSeconds(60)));
        assertEquals(false, compliant(before));
        assertEquals(true, ((PostureResult.Present) before).posture().attributes().get("managed"), "other facts kept");
        assertEquals(false, compliant(DeviceRevocationCheck.apply(revocations, posture("laptop-1", EVENT))));
        assertEquals(false, compliant(DeviceRevocationCheck.apply(revocations, posture("laptop-1", null))));
    }

    @Test
    void aNewerPostureAnotherDeviceOrNoPostureAreUntouched() {
        revoke("laptop-1");
        PostureResult newer = posture("laptop-1", EVENT.plusSeconds(1));
        assertSame(newer, DeviceRevocationCheck.apply(revocations, newer));
        PostureResult other = posture("laptop-2", EVENT.minusSeconds(60));
        assertSame(other, DeviceRevocationCheck.apply(revocations, other));
        PostureResult absent = new PostureResult.Absent(null);
        assertSame(absent, DeviceRevocationCheck.apply(revocations, absent));
    }
}
