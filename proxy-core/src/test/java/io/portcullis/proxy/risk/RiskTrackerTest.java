package io.portcullis.proxy.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.policy.RiskFacts;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RiskTrackerTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final RiskTracker tracker = new RiskTracker(Duration.ofDays(30), 1 << 20, clock);

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void everythingIsNewUntilARequestFromItWasAllowed() throws Exception {
        assertEquals(new RiskFacts(true, true, null), tracker.assess("iss", "alice", "laptop", ip("10.1.2.3")));
        assertEquals(new RiskFacts(true, true, null), tracker.assess("iss", "alice", "laptop", ip("10.1.2.3")),
                "assessing alone never makes a place known: a stolen token stays new until allowed");
        tracker.allowed("iss", "alice", "laptop", ip("10.1.2.3"));
        assertEquals(new RiskFacts(false, false, null), tracker.assess("iss", "alice", "laptop", ip("10.1.2.200")),
                "same /24 is the same network");
        RiskFacts elsewhere = tracker.assess("iss", "alice", "phone", ip("10.1.3.1"));
        assertTrue(elsewhere.newDevice());
        assertTrue(elsewhere.newNetwork());
    }

    @Test
    void historyIsPerIssuerAndSubject() throws Exception {
        tracker.allowed("iss", "alice", "laptop", ip("10.1.2.3"));
        assertTrue(tracker.assess("iss", "bob", "laptop", ip("10.1.2.3")).newDevice());
        assertTrue(tracker.assess("other-iss", "alice", "laptop", ip("10.1.2.3")).newNetwork());
    }

    @Test
    void placesAreForgottenAfterTheWindow() throws Exception {
        tracker.allowed("iss", "alice", "laptop", ip("10.1.2.3"));
        clock.now = clock.now.plus(Duration.ofDays(29));
        assertFalse(tracker.assess("iss", "alice", "laptop", ip("10.1.2.3")).newDevice());
        clock.now = clock.now.plus(Duration.ofDays(2));
        RiskFacts later = tracker.assess("iss", "alice", "laptop", ip("10.1.2.3"));
        assertTrue(later.newDevice());
        assertTrue(later.newNetwork());
    }

    @Test
    void theWindowIsReadOnEveryRequestSoAReloadKeepsTheHistory() throws Exception {
        Duration[] window = {Duration.ofDays(1)};
        RiskTracker reloadable = new RiskTracker(() -> window[0], 1 << 20, clock);
        reloadable.allowed("iss", "alice", "laptop", ip("10.1.2.3"));
        clock.now = clock.now.plus(Duration.ofDays(3));
        assertTrue(reloadable.assess("iss", "alice", "laptop", ip("10.1.2.3")).newDevice());
        window[0] = Duration.ofDays(7);
        assertFalse(reloadable.assess("iss", "alice", "laptop", ip("10.1.2.3")).newDevice(),
                "a longer window after a reload still sees the older visit");
    }

    @Test
    void aRequestWithoutADeviceIdIsAlwaysOnANewDevice() throws Exception {
        tracker.allowed("iss", "alice", null, ip("2001:db8:1:2::5"));
        RiskFacts r = tracker.assess("iss", "alice", null, ip("2001:db8:1:2:ffff::1"));
        assertTrue(r.newDevice());
        assertFalse(r.newNetwork(), "same /64");
    }

    @Test
    void theHistoriesStayWithinTheirBytes() throws Exception {
        // Room for about 20 subjects seen from one place.
        long budget = 20L * (SubjectHistory.BASE_BYTES + 2 * SubjectHistory.BYTES_PER_PLACE + 40);
        RiskTracker bounded = new RiskTracker(Duration.ofDays(30), budget, clock);
        for (int i = 0; i < 200; i++) {
            bounded.allowed("iss", "user-" + i, "laptop", ip("10.0." + (i % 250) + ".1"));
        }
        long count = bounded.subjectCount();
        assertTrue(count >= 10 && count <= 20, "subjects kept: " + count);
        // Which older ones go is Caffeine's (frequency-aware) choice; the one just seen stays.
        assertFalse(bounded.assess("iss", "user-199", "laptop", ip("10.0.199.1")).newDevice(), "the latest is kept");
    }

    @Test
    void aSubjectThatLearnsPlacesWeighsMoreAndCrowdsOthersOut() throws Exception {
        long budget = 20L * (SubjectHistory.BASE_BYTES + 2 * SubjectHistory.BYTES_PER_PLACE + 40);
        RiskTracker bounded = new RiskTracker(Duration.ofDays(30), budget, clock);
        for (int i = 0; i < 15; i++) {
            bounded.allowed("iss", "user-" + i, "laptop", ip("10.0.0.1"));
        }
        long before = bounded.subjectCount();
        // One subject from 32 devices and 32 networks: ~10 KB, more than half the budget.
        for (int n = 0; n < 64; n++) {
            bounded.allowed("iss", "roamer", "device-" + n, ip("10.1." + n + ".1"));
        }
        long after = bounded.subjectCount();
        assertEquals(15, before);
        assertTrue(after < before, "others were forgotten to make room: " + after);
    }

    @Test
    void networksAreSlash24AndSlash64() throws Exception {
        assertEquals("192.0.2.0/24", NetworkKey.of(ip("192.0.2.77")));
        assertEquals("2001:db8:1:2::/64", NetworkKey.of(ip("2001:db8:1:2:3:4:5:6")));
    }
}
