package io.portcullis.benchmarks;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.identity.DefaultIdentityService;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.IssuerStatus;
import java.time.Duration;

/**
 * A real issuer serving its JWKS on loopback and a {@link DefaultIdentityService} that has fetched
 * it: what the identity and decision benchmarks run against.
 */
final class IdentityBed implements AutoCloseable {

    final EmbeddedIssuer issuer;
    final PortcullisConfig config;
    final DefaultIdentityService service;

    IdentityBed() {
        issuer = EmbeddedIssuer.start("/realms/bench");
        config = BenchConfig.parse(BenchConfig.yaml(0, 0, issuer.issuerUrl(), issuer.jwksUri(),
                "http://127.0.0.1:9", 0));
        service = DefaultIdentityService.start(config, IdentityEvents.NONE);
        awaitKeys(Duration.ofSeconds(20));
    }

    private void awaitKeys(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!service.issuers().stream().allMatch(IssuerStatus::keysLoaded)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the issuer's keys did not load within " + limit);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Override
    public void close() {
        service.close();
        issuer.close();
    }
}
