package io.portcullis.proxy.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.Position;
import io.portcullis.config.RateLimitConfig;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitKeyTest {

    static final Identity ALICE = new Identity("corp", "https://iss", "alice", Map.of(), Instant.now(), "ref");
    static final DevicePosture LAPTOP = new DevicePosture("laptop-1", "token:mdm", Map.of(), Instant.now());

    static RateLimitConfig per(String per) {
        return new RateLimitConfig(per, 1, 1, 1, Position.unknown("t"));
    }

    @Test
    void eachKindKeysOnItsFactAndFallsBackRatherThanEscaping() {
        assertEquals("subject:corp\nalice", RateLimitKey.of(per("subject"), ALICE, LAPTOP, "10.0.0.1"));
        assertEquals("device:laptop-1", RateLimitKey.of(per("device"), ALICE, LAPTOP, "10.0.0.1"));
        assertEquals("subject:corp\nalice", RateLimitKey.of(per("device"), ALICE, null, "10.0.0.1"));
        assertEquals("ip:10.0.0.1", RateLimitKey.of(per("device"), null, null, "10.0.0.1"));
        assertEquals("ip:10.0.0.1", RateLimitKey.of(per("subject"), null, null, "10.0.0.1"));
        assertEquals("ip:10.0.0.1", RateLimitKey.of(per("source_ip"), ALICE, LAPTOP, "10.0.0.1"));
    }
}
