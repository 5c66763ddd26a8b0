package io.portcullis.identity.events;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.identity.events.SetVerification.Accepted;
import io.portcullis.identity.events.SetVerification.Refused;
import io.portcullis.identity.jwks.KeySnapshot;
import io.portcullis.identity.replay.ReplayGuard;
import io.portcullis.identity.token.KeySelector;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verifies the SETs of one transmitter, as strictly as identity tokens: size, a three-part JWS (never
 * {@code alg: none}, never encrypted), header rules, {@code iss} exactly the transmitter's, a signature by
 * a key from the transmitter's own JWKS (the header's {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}
 * are never used), the claims, the events and their subjects — and only then the {@code jti} replay
 * check, so a SET that fails any other check never uses up its {@code jti}. Nothing here blocks: keys and
 * the replay store answer through futures.
 */
public final class SetVerifier {

    /** SETs are small; this is far above any real one and far below what would hurt. */
    public static final int MAX_SET_BYTES = 64 * 1024;

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private final TransmitterTrust trust;
    private final SetKeys keys;
    private final ReplayGuard replay;
    private final Clock clock;

    public SetVerifier(TransmitterTrust trust, SetKeys keys, ReplayGuard replay, Clock clock) {
        this.trust = trust;
        this.keys = keys;
        this.replay = replay;
        this.clock = clock;
    }

    public TransmitterTrust trust() {
        return trust;
    }

    /** Verifies one SET in compact serialization. Never completes exceptionally. */
    public CompletableFuture<SetVerification> verify(String compact) {
        Object admitted = admit(compact);
        if (admitted instanceof Refused refused) {
            return CompletableFuture.completedFuture(refused);
        }
        Candidate candidate = (Candidate) admitted;
        return keys.keys()
                .thenCompose(snapshot -> checkSignature(candidate, snapshot))
                .thenCompose(this::recordJti)
                .exceptionally(failure -> Refused.of(SetFailure.KEYS_UNAVAILABLE));
    }

    /** Every check that needs no key: a {@link Candidate} or a {@link Refused} (the steps pass either on). */
    private Object admit(String compact) {
        if (compact == null || compact.isEmpty()) {
            return Refused.of(SetFailure.MALFORMED);
        }
        if (compact.length() > MAX_SET_BYTES) {
            return Refused.of(SetFailure.TOO_LARGE);
        }
        JWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = JWTParser.parse(compact.strip());
            if (parsed instanceof PlainJWT) {
                return Refused.of(SetFailure.ALGORITHM_NOT_ALLOWED);
            }
            if (!(parsed instanceof SignedJWT)) {
                return Refused.of(SetFailure.MALFORMED);
            }
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            // Nimbus reports most malformations as ParseException, a few (odd JSON shapes) as runtime exceptions.
            return Refused.of(SetFailure.MALFORMED);
        }
        SignedJWT jwt = (SignedJWT) parsed;
        SetFailure header = SetHeaderRules.check(jwt.getHeader(), trust.algorithms());
        if (header != null) {
            return Refused.of(header);
        }
        if (!trust.issuer().equals(claims.getIssuer())) {
            return Refused.of(SetFailure.ISSUER_INVALID);
        }
        return new Candidate(jwt, claims);
    }

    private CompletableFuture<Object> checkSignature(Candidate candidate, KeySnapshot snapshot) {
        if (!snapshot.loaded()) {
            return CompletableFuture.completedFuture(Refused.of(SetFailure.KEYS_UNAVAILABLE));
        }
        List<JWK> candidates = KeySelector.candidates(snapshot.keys(), candidate.jwt().getHeader());
        if (!candidates.isEmpty() || candidate.jwt().getHeader().getKeyID() == null) {
            return CompletableFuture.completedFuture(afterKeys(candidate, candidates));
        }
        // An unknown kid usually means the transmitter rotated its keys: look again, within the rate limit.
        return keys.refetch().thenApply(refreshed ->
                afterKeys(candidate, KeySelector.candidates(refreshed.keys(), candidate.jwt().getHeader())));
    }

    private Object afterKeys(Candidate candidate, List<JWK> candidates) {
        try {
            return checkWith(candidate, candidates);
        } catch (RuntimeException e) {
            // Content no check foresaw (the fuzz test hunts for it): refused as malformed, never thrown.
            return Refused.of(SetFailure.MALFORMED);
        }
    }

    private Object checkWith(Candidate candidate, List<JWK> candidates) {
        if (candidates.isEmpty()) {
            return Refused.of(SetFailure.KEY_NOT_FOUND);
        }
        if (!signedByOneOf(candidate.jwt(), candidates)) {
            return Refused.of(SetFailure.SIGNATURE_INVALID);
        }
        JWTClaimsSet claims = candidate.claims();
        Instant now = clock.instant();
        SetFailure failure = SetClaimsRules.check(claims, trust, now);
        if (failure != null) {
            return new Refused(failure, failure == SetFailure.CLAIMS_INVALID ? null : claims.getJWTID());
        }
        try {
            List<SecurityEvent> events = SecurityEventParser.parse(claims.getClaim("events"), claims.getClaim("sub_id"));
            return new SecurityEventToken(trust.transmitter(), claims.getJWTID(), claims.getIssuer(),
                    claims.getIssueTime().toInstant(), txn(claims), events);
        } catch (MalformedSetException e) {
            return new Refused(e.failure(), claims.getJWTID());
        }
    }

    /**
     * Releases an accepted SET's {@code jti} whose actions could not be recorded, so that the
     * transmitter's retry is verified again instead of being refused as a duplicate.
     */
    public CompletionStage<Void> forget(String jti) {
        return replay.forget("set:" + trust.transmitter(), jti);
    }

    private CompletableFuture<SetVerification> recordJti(Object checked) {
        if (checked instanceof Refused refused) {
            return CompletableFuture.completedFuture(refused);
        }
        SecurityEventToken set = (SecurityEventToken) checked;
        return replay.firstUse("set:" + trust.transmitter(), set.jti(), trust.replayWindow())
                .toCompletableFuture()
                .<SetVerification>thenApply(first -> first ? new Accepted(set) : new Refused(SetFailure.DUPLICATE, set.jti()))
                // The guard cannot tell: fail closed, and let the transmitter deliver again later.
                .exceptionally(failure -> new Refused(SetFailure.REPLAY_UNKNOWN, set.jti()));
    }

    private static boolean signedByOneOf(SignedJWT jwt, List<JWK> candidates) {
        for (JWK key : candidates) {
            try {
                JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) key).toPublicKey());
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | ClassCastException | IllegalStateException e) {
                // A key that cannot verify this algorithm is simply not the signing key.
            }
        }
        return false;
    }

    private static String txn(JWTClaimsSet claims) {
        return claims.getClaim("txn") instanceof String txn ? txn : null;
    }

    /** A SET that passed every check that needs no key. */
    private record Candidate(SignedJWT jwt, JWTClaimsSet claims) {
    }
}
