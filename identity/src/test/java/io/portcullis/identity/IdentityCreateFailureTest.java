package io.portcullis.identity;

import static io.portcullis.identity.Outcomes.authenticated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.IntrospectionConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.OidcClientConfig;
import io.portcullis.config.SenderConstraintConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.StartedThreads;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Building the service, at start or for a reload, can fail after key caches were started on the shared
 * threads; what it took is given back before the failure leaves, since no service is returned to close.
 * Against real issuers serving keys, so the fetches are really under way when the later step fails.
 */
class IdentityCreateFailureTest {

    private static final String KEY_THREADS = "identity-jwks-";

    @Test
    void aStartThatFailsAfterItsKeyFetchesBeganStopsTheirThreads() throws Exception {
        try (EmbeddedIssuer idp = EmbeddedIssuer.start("/idp")) {
            StartedThreads started = StartedThreads.since(KEY_THREADS);
            // A cache bound the verified-token cache refuses, checked after every issuer's keys were sent for.
            IdentitySettings unusable = new IdentitySettings(Clock.systemUTC(), Duration.ofSeconds(30), -1);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DefaultIdentityService.start(TestConfigs.config(TestConfigs.issuer("corp", idp)),
                            IdentityEvents.NONE, unusable));

            assertEquals("maximum size must not be negative", e.getMessage(), "the start's own failure");
            assertEquals(0, e.getSuppressed().length, "giving back what it took went well");
            started.awaitNoneRunning("the failed start");
        }
    }

    @Test
    void aReconfigureThatFailsLeavesTheRunningServiceServingAndAloneOwningTheThreads() throws Exception {
        try (EmbeddedIssuer idp = EmbeddedIssuer.start("/idp");
             EmbeddedIssuer other = EmbeddedIssuer.start("/other")) {
            StartedThreads started = StartedThreads.since(KEY_THREADS);
            IssuerConfig corp = TestConfigs.issuer("corp", idp);
            IdentityService running = DefaultIdentityService.start(TestConfigs.config(corp), IdentityEvents.NONE);
            try {
                authenticated(running, idp.token().sign());

                // Its keys are sent for, then its introspection (which needs a client secret) is refused.
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> running.reconfigure(TestConfigs.config(corp, introspectingWithoutSecret(other))));

                assertEquals("issuer other: introspection needs a client with a secret", e.getMessage());
                assertEquals(0, e.getSuppressed().length, "giving back what it took went well");
                authenticated(running, idp.token().sign());
            } finally {
                running.close();
            }
            // The failed reconfigure kept no share of the threads or of corp's cache: closing the one
            // service there is stops them all.
            started.awaitNoneRunning("closing the only service left");
        }
    }

    /** An issuer the config binder would refuse: introspection without a client secret. */
    private static IssuerConfig introspectingWithoutSecret(EmbeddedIssuer issuer) {
        return new IssuerConfig("other", issuer.issuerUrl(), URI.create(issuer.jwksUri()), false,
                List.of("portcullis"), List.of("RS256"), Duration.ofSeconds(30), Duration.ofHours(1), null,
                new OidcClientConfig("portcullis", null, OidcClientConfig.DEFAULT_SCOPES),
                new IntrospectionConfig(URI.create(issuer.issuerUrl() + "/introspect"), Duration.ofMinutes(5),
                        Duration.ofSeconds(10)),
                SenderConstraintConfig.defaults());
    }
}
