package io.portcullis.identity.token;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import io.portcullis.identity.AuthFailure;
import io.portcullis.identity.IdentityEvents;
import io.portcullis.identity.jwks.KeySnapshot;
import io.portcullis.identity.token.Verification.Refused;
import io.portcullis.identity.token.Verification.Verified;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a compact JWS through every check for one role: header rules, issuer by exact {@code iss},
 * the issuer's algorithm allowlist, a signature made by a key from that issuer's own JWKS, then the
 * claims. Completes immediately when the keys are at hand; otherwise waits on the key fetch without
 * blocking a thread.
 */
public final class TokenVerifier {

    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final IssuerDirectory issuers;
    private final IdentityEvents events;
    private final Clock clock;

    public TokenVerifier(IssuerDirectory issuers, IdentityEvents events, Clock clock) {
        this.issuers = issuers;
        this.events = events;
        this.clock = clock;
    }

    public CompletableFuture<Verification> verify(String token, Role role) {
        Admission admission = admit(token, role);
        if (admission instanceof Stop stop) {
            return CompletableFuture.completedFuture(stop.refused());
        }
        Candidate candidate = (Candidate) admission;
        CompletableFuture<KeySnapshot> keys = candidate.issuer().keys().keys();
        KeySnapshot ready = keys.getNow(null);
        if (ready != null) {
            return checkSignature(candidate, ready);
        }
        return keys.thenCompose(snapshot -> checkSignature(candidate, snapshot));
    }

    /** Every check that needs no key. */
    private Admission admit(String token, Role role) {
        if (token == null || token.isBlank()) {
            return Stop.of(AuthFailure.TOKEN_MALFORMED);
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return Stop.of(AuthFailure.TOO_LARGE);
        }
        CompactJws jwt;
        try {
            jwt = CompactJws.parse(token);
        } catch (CompactJws.Unsecured e) {
            return Stop.of(AuthFailure.ALGORITHM_NOT_ALLOWED);
        } catch (ParseException e) {
            // JWE (five parts) included: identity tokens here are signed, never encrypted.
            return Stop.of(AuthFailure.TOKEN_MALFORMED);
        }
        AuthFailure headerFailure = HeaderRules.check(jwt.header());
        if (headerFailure != null) {
            return Stop.of(headerFailure);
        }
        TokenClaims claims;
        try {
            claims = jwt.claims();
        } catch (ParseException e) {
            return Stop.of(AuthFailure.TOKEN_MALFORMED);
        }
        String iss = claims.issuer();
        TrustedIssuer issuer = iss != null ? issuers.find(iss, role) : null;
        if (issuer == null) {
            boolean deviceAsIdentity = role == Role.IDENTITY && iss != null
                    && issuers.knownForOtherRole(iss, role);
            return Stop.of(deviceAsIdentity ? AuthFailure.DEVICE_ISSUER_AS_IDENTITY : AuthFailure.ISSUER_UNKNOWN);
        }
        if (!HeaderRules.algorithmAllowed(jwt.header(), issuer.config().algorithms())) {
            return Stop.of(AuthFailure.ALGORITHM_NOT_ALLOWED);
        }
        return new Candidate(jwt, claims, issuer);
    }

    private CompletableFuture<Verification> checkSignature(Candidate candidate, KeySnapshot snapshot) {
        if (!snapshot.loaded()) {
            return CompletableFuture.completedFuture(Refused.of(AuthFailure.KEYS_UNAVAILABLE));
        }
        JWSHeader header = candidate.jwt().header();
        List<JWK> keys = KeySelector.candidates(snapshot.keys(), header);
        if (!keys.isEmpty()) {
            return CompletableFuture.completedFuture(verifyWith(candidate, keys));
        }
        if (header.getKeyID() == null) {
            return CompletableFuture.completedFuture(Refused.of(AuthFailure.KEY_NOT_FOUND));
        }
        // An unknown kid usually means the issuer rotated keys: look again, within the rate limit.
        return candidate.issuer().keys().refetch().thenApply(refreshed -> {
            List<JWK> retry = KeySelector.candidates(refreshed.keys(), header);
            return retry.isEmpty() ? Refused.of(AuthFailure.KEY_NOT_FOUND) : verifyWith(candidate, retry);
        });
    }

    private Verification verifyWith(Candidate candidate, List<JWK> keys) {
        events.signatureChecked(candidate.issuer().config().id());
        if (!SignatureCheck.verify(candidate.jwt(), keys)) {
            return Refused.of(AuthFailure.SIGNATURE_INVALID);
        }
        AuthFailure claimsFailure = ClaimsRules.check(candidate.claims(), candidate.issuer().config(), clock.instant());
        return claimsFailure == null ? new Verified(candidate.issuer(), candidate.claims()) : Refused.of(claimsFailure);
    }

    /** The result of the key-free checks: go on to the signature, or stop. */
    private sealed interface Admission permits Candidate, Stop {
    }

    /** A token that passed every check that needs no key. */
    private record Candidate(CompactJws jwt, TokenClaims claims, TrustedIssuer issuer) implements Admission {
    }

    /** Refused before any key was needed. */
    private record Stop(Refused refused) implements Admission {

        static Stop of(AuthFailure reason) {
            return new Stop(Refused.of(reason));
        }
    }
}
