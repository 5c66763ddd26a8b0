package io.portcullis.identity.posture;

import io.portcullis.config.DevicePostureConfig;
import io.portcullis.identity.DevicePosture;
import io.portcullis.identity.Identity;
import io.portcullis.identity.PostureResult;
import io.portcullis.identity.token.PlainClaims;
import io.portcullis.identity.token.Role;
import io.portcullis.identity.token.TokenClaims;
import io.portcullis.identity.token.TokenVerifier;
import io.portcullis.identity.token.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves device posture: from a posture token signed by a device issuer and bound to the identity,
 * else from the identity token's posture claim when configured. An invalid posture token gives
 * {@link PostureResult.Absent} with its reason and never falls back to the claim: a forged device
 * token must not be quietly replaced by something weaker.
 */
public final class PostureResolver {

    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    private final DevicePostureConfig config;
    private final TokenVerifier verifier;
    private final Clock clock;

    public PostureResolver(DevicePostureConfig config, TokenVerifier verifier, Clock clock) {
        this.config = config;
        this.verifier = verifier;
        this.clock = clock;
    }

    public CompletableFuture<PostureResult> resolve(String postureToken, Identity identity) {
        if (postureToken != null && !postureToken.isBlank()) {
            return verifier.verify(postureToken, Role.DEVICE).thenApply(v -> fromToken(v, identity));
        }
        return CompletableFuture.completedFuture(fromIdentityClaim(identity));
    }

    /**
     * As {@link #resolve(String, Identity)}, with the identity's claim posture already resolved by
     * {@link #fromIdentityClaim(Identity)} (null: resolve it now).
     */
    public CompletableFuture<PostureResult> resolve(String postureToken, Identity identity,
                                                    PostureResult claimPosture) {
        if (claimPosture == null || (postureToken != null && !postureToken.isBlank())) {
            return resolve(postureToken, identity);
        }
        return CompletableFuture.completedFuture(claimPosture);
    }

    private PostureResult fromToken(Verification verification, Identity identity) {
        if (verification instanceof Verification.Refused refused) {
            return new PostureResult.Absent(PostureFailures.code(refused.reason()));
        }
        Verification.Verified verified = (Verification.Verified) verification;
        TokenClaims claims = verified.claims();
        Object bound = identity == null ? null : identity.claims().get(config.bindClaim());
        if (bound == null || !Objects.equals(String.valueOf(bound), claims.subject())) {
            return new PostureResult.Absent("posture-subject-mismatch");
        }
        Instant issued = claims.issuedAt();
        Instant now = clock.instant();
        if (issued == null || issued.plus(config.maxAge()).isBefore(now)) {
            return new PostureResult.Absent("posture-stale");
        }
        Map<String, Object> all = claims.asMap();
        Map<String, Object> attributes = all.get("device") instanceof Map<?, ?> device
                ? PlainClaims.withoutNulls(device)
                : withoutRegistered(all);
        String source = "token:" + verified.issuer().config().id();
        return new PostureResult.Present(new DevicePosture(deviceId(all), source, attributes, issued));
    }

    /**
     * The posture of the identity's own posture claim ({@code device_posture.claims_from_identity_token}),
     * {@link PostureResult.Absent} without reason when not configured or not present. Depends only on
     * the identity, so it can be resolved once per verified token.
     */
    public PostureResult fromIdentityClaim(Identity identity) {
        String claimName = config.claimsFromIdentityToken();
        if (claimName == null || identity == null) {
            return new PostureResult.Absent(null);
        }
        if (!(identity.claims().get(claimName) instanceof Map<?, ?> object)) {
            return new PostureResult.Absent(null);
        }
        // Identity claims are plain and immutable all the way down: only the object's nulls to drop.
        Map<String, Object> attributes = PlainClaims.withoutNulls(object);
        return new PostureResult.Present(new DevicePosture(deviceIdOfObject(attributes),
                "identity-claim", attributes, null));
    }

    private static Map<String, Object> withoutRegistered(Map<String, Object> claims) {
        Map<String, Object> rest = new LinkedHashMap<>(claims);
        rest.keySet().removeAll(REGISTERED);
        return rest;
    }

    /** {@code device_id} or {@code did} of the token, else the {@code id} of its {@code device} object. */
    private static String deviceId(Map<String, Object> claims) {
        String direct = firstString(claims, "device_id", "did");
        if (direct != null) {
            return direct;
        }
        return claims.get("device") instanceof Map<?, ?> device ? deviceIdOfObject(device) : null;
    }

    private static String deviceIdOfObject(Map<?, ?> device) {
        return firstString(device, "id", "device_id", "did");
    }

    private static String firstString(Map<?, ?> object, String... names) {
        for (String name : names) {
            if (object.get(name) instanceof String value) {
                return value;
            }
        }
        return null;
    }
}
