package io.portcullis.proxy.risk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.RiskFacts;
import io.portcullis.proxy.state.RedisPair;
import io.portcullis.proxy.state.StateEvents;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A device and network allowed on one replica are known on another, through a real redis-server. */
class RiskTrackerSharedTest {

    @Test
    void placesAllowedOnOneReplicaAreKnownOnAnother() throws Exception {
        try (RedisPair pair = RedisPair.start("risk-test:", StateEvents.NONE)) {
            placesAreShared(new RiskTracker(() -> Duration.ofDays(30), 1 << 20, Clock.systemUTC(), pair.a.riskHistory()),
                    new RiskTracker(() -> Duration.ofDays(30), 1 << 20, Clock.systemUTC(), pair.b.riskHistory()));
        }
    }

    private static void placesAreShared(RiskTracker a, RiskTracker b) throws Exception {
        InetAddress office = InetAddress.getByName("192.0.2.10");
        InetAddress elsewhere = InetAddress.getByName("198.51.100.7");
        assertTrue(a.assess("corp", "alice", "laptop-1", office).newDevice());

        a.allowed("corp", "alice", "laptop-1", office);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        RiskFacts onB;
        do {
            onB = b.assessAsync("corp", "alice", "laptop-1", InetAddress.getByName("192.0.2.99"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
        } while (onB.newDevice() && System.nanoTime() < deadline);
        assertFalse(onB.newDevice(), "B knows the laptop A allowed");
        assertFalse(onB.newNetwork(), "and its /24");
        RiskFacts stranger = b.assess("corp", "alice", "phone-9", elsewhere);
        assertTrue(stranger.newDevice() && stranger.newNetwork(), "what nobody allowed stays new");
        assertTrue(b.assess("corp", "mallory", "laptop-1", office).newDevice(), "another subject's history is theirs");
    }
}
