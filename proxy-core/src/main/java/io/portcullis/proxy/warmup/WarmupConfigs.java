package io.portcullis.proxy.warmup;

import io.portcullis.config.IdentityConfig;
import io.portcullis.config.IssuerConfig;
import io.portcullis.config.PortcullisConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The config a warm-up decides with: the running config with every issuer replaced by the throwaway
 * issuer under the same id (so policies that name an issuer still match), no introspection, no OIDC
 * client and no external PDP. Only the warm-up's own identity service ever reads it.
 */
final class WarmupConfigs {

    /** The audience of a warm-up token when the issuer names none. */
    static final String DEFAULT_AUDIENCE = "portcullis-warmup";

    private WarmupConfigs() {
    }

    static PortcullisConfig of(PortcullisConfig real, URI jwks) {
        List<IssuerConfig> issuers = real.identity().issuers().stream()
                .map(i -> new IssuerConfig(i.id(), ThrowawayIssuer.issuerUrl(i.id()), jwks, false, i.audiences(),
                        List.of("RS256", "ES256"), i.clockSkew(), Duration.ofHours(1), i.position()))
                .toList();
        IdentityConfig identity = new IdentityConfig(issuers, real.identity().devicePosture(),
                real.identity().mfaAmrValues());
        return new PortcullisConfig(real.source(), real.sha256(), real.sources(), real.listen(), real.admin(),
                real.transport(), real.trustedProxies(), identity, real.routes(), real.policies(), real.conditions(),
                real.limits(), real.timeouts(), real.sso(), real.assertion(), real.risk(), real.securityEvents(),
                real.state(), real.decisionApi(), real.tracing(), Map.of());
    }

    /** The audience a warm-up token of {@code issuer} carries. */
    static String audience(IssuerConfig issuer) {
        return issuer.audiences().isEmpty() ? DEFAULT_AUDIENCE : issuer.audiences().get(0);
    }
}
