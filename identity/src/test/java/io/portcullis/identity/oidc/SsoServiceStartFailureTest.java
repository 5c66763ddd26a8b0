package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.fixtures.StartedThreads;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A start that fails after the issuer's key fetch began leaves none of the service's threads running:
 * it returns no service, so nobody else could stop them. Against a real OIDC server, so the fetch is
 * really under way when the start fails.
 */
class SsoServiceStartFailureTest {

    @Test
    void aBlankClientIdFailsTheStartAndStopsWhatItHadStarted() throws Exception {
        try (MockIdp idp = new MockIdp()) {
            StartedThreads started = StartedThreads.since("sso-");

            // The config binder refuses an empty client_id but not a blank one; Nimbus refuses it late.
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SsoService.start(MockIdp.ssoConfig(Duration.ofHours(12)), idp.issuerConfig(" "),
                            MockIdp.randomKeys(), new RevokedSessions(Duration.ofHours(12), Clock.systemUTC()),
                            Clock.systemUTC()));

            assertEquals("The value must not be null or empty string", e.getMessage(), "the start's own failure");
            assertEquals(0, e.getSuppressed().length, "stopping what it had started went well");
            started.awaitNoneRunning("the failed start");
        }
    }
}
