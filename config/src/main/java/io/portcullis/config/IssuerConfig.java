package io.portcullis.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
        Position position) {

    public IssuerConfig {
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
    }
}
