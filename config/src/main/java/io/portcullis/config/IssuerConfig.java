package io.portcullis.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A token issuer Portcullis trusts. Whether it vouches for users or for devices is decided by
 * {@link DevicePostureConfig#issuers()}, never by the issuer itself.
 *
 * @param id         the name used elsewhere in the config
 * @param issuer     the exact {@code iss} value
 * @param jwksUri    where its signing keys are; null when {@code discovery} finds them
 * @param discovery  fetch {@code issuer + /.well-known/openid-configuration} to find {@code jwks_uri}
 * @param audiences  {@code aud} must contain one of these
 * @param algorithms JWS algorithms accepted; everything else is refused
 * @param clockSkew  tolerance for exp/nbf/iat
 * @param jwksRefresh how often keys are refreshed in the background
 * @param client      how Portcullis signs users in here and calls its endpoints; null when it does not
 * @param introspection RFC 7662 introspection of opaque tokens; null when off (needs {@code client})
 * @param senderConstraint how its DPoP- and certificate-bound tokens are held to their binding
 */
public record IssuerConfig(
        String id,
        String issuer,
        URI jwksUri,
        boolean discovery,
        List<String> audiences,
        List<String> algorithms,
        Duration clockSkew,
        Duration jwksRefresh,
        Position position,
        OidcClientConfig client,
        IntrospectionConfig introspection,
        SenderConstraintConfig senderConstraint) {

    public IssuerConfig {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        Objects.requireNonNull(senderConstraint, "senderConstraint");
    }

    /** An issuer that only verifies tokens: no client, no introspection, default sender constraint. */
    public IssuerConfig(String id, String issuer, URI jwksUri, boolean discovery, List<String> audiences,
                        List<String> algorithms, Duration clockSkew, Duration jwksRefresh, Position position) {
        this(id, issuer, jwksUri, discovery, audiences, algorithms, clockSkew, jwksRefresh, position, null, null,
                SenderConstraintConfig.defaults());
    }
}
