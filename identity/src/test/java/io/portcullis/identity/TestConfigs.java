package io.portcullis.identity;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.config.IdentityConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.fixtures.EmbeddedIssuer;
import io.portcullis.fixtures.TokenBuilder;
import io.portcullis.fixtures.config.ConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Builds config records for tests, the way the loader would from YAML. */
final class TestConfigs {

    private TestConfigs() {
    }

    static IssuerConfig issuer(String id, EmbeddedIssuer issuer) {
        return new IssuerConfig(id, issuer.issuerUrl(), URI.create(issuer.jwksUri()), false,
                List.of(TokenBuilder.DEFAULT_AUDIENCE), List.of("RS256", "ES256"), Duration.ofSeconds(30),
                Duration.ofHours(1), null);
    }

    static IssuerConfig discoveredIssuer(String id, String issuerUrl) {
        return new IssuerConfig(id, issuerUrl, null, true, List.of(TokenBuilder.DEFAULT_AUDIENCE),
                List.of("RS256", "ES256"), Duration.ofSeconds(30), Duration.ofHours(1), null);
    }

    static PortcullisConfig config(List<IssuerConfig> issuers, DevicePostureConfig posture) {
        return ConfigBuilder.config().identity(new IdentityConfig(issuers, posture, IdentityConfig.DEFAULT_MFA_AMR))
                .build();
    }

    static PortcullisConfig config(IssuerConfig... issuers) {
        return config(List.of(issuers), DevicePostureConfig.disabled());
    }
}
