package io.portcullis.identity.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.config.AssertionConfig;
import io.portcullis.identity.Identity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs the identity assertion the proxy sends upstream (ES256): who the user is, for which route,
 * valid for a short time, so an upstream can verify the request came through Portcullis against
 * {@code /.well-known/portcullis/jwks.json} instead of trusting plain headers. The first key signs;
 * every key is published, so a new key can be published before it signs.
 */
public final class AssertionSigner {

    /** The JOSE {@code typ} of an assertion, so it cannot be confused with an access or ID token. */
    public static final String TYPE = "portcullis-assertion+jwt";

    private final ECKey signingKey;
    private final ECDSASigner signer;
    private final String publicJwks;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public AssertionSigner(List<ECKey> keys, String issuer, Duration ttl, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one assertion key is needed");
        }
        this.signingKey = keys.get(0);
        try {
            this.signer = new ECDSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the assertion key cannot sign ES256");
        }
        List<JWK> published = new ArrayList<>();
        for (ECKey key : keys) {
            published.add(new ECKey.Builder(key.toPublicJWK()).algorithm(JWSAlgorithm.ES256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build());
        }
        this.publicJwks = new JWKSet(published).toString(true);
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Loads the keys the config names; fails with a message naming the file, never the key. */
    public static AssertionSigner load(AssertionConfig config, Clock clock) {
        List<ECKey> keys = new ArrayList<>();
        for (Path file : config.keyFiles()) {
            keys.add(EcPemKeys.read(file));
        }
        return new AssertionSigner(keys, config.issuer(), config.ttl(), clock);
    }

    /**
     * An assertion for one request.
     *
     * @param routeId  the audience: an assertion for one route is worthless at another
     * @param deviceId the verified device's id, or null
     * @param binding  how the access token was tied to its presenter ({@code dpop}, {@code mtls},
     *                 {@code dpop+mtls}, {@code unbound}, {@code not-checked}), stated so that the upstream
     *                 can tell a proven presenter from a mere holder; null when not from a token (a session)
     */
    public String sign(String routeId, Identity identity, String deviceId, String binding) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(routeId)
                .subject(identity.subject())
                .claim("idp", identity.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        Object email = identity.claims().get("email");
        if (email instanceof String) {
            claims.claim("email", email);
        }
        Object groups = identity.claims().get("groups");
        if (groups instanceof List<?>) {
            claims.claim("groups", groups);
        }
        if (deviceId != null) {
            claims.claim("device_id", deviceId);
        }
        if (binding != null) {
            claims.claim("token_binding", binding);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signingKey.getKeyID())
                .type(new JOSEObjectType(TYPE))
                .build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the assertion failed", e);
        }
        return jwt.serialize();
    }

    /** The public keys as a JWK Set document. */
    public String publicJwks() {
        return publicJwks;
    }
}
