package io.portcullis.identity.binding;

import com.nimbusds.jose.JOSEException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks the DPoP proof of one request against the token it came with (RFC 9449 §4.3, §7.1), cheapest
 * checks first: one proof; its header ({@link DPoPProof}); its claims ({@link ProofClaims}); the
 * thumbprint (RFC 7638, SHA-256) of its key against the token's {@code cnf.jkt}; the signature; the
 * server nonce when demanded; and last, once everything else holds, that its {@code jti} was never seen
 * ({@link io.portcullis.identity.replay.ReplayGuard}), so a refused proof never uses up an identifier.
 *
 * <p>Built on Nimbus's primitives (JWK parsing with its on-curve check, RFC 7638 thumbprints, the JWS
 * verifiers) rather than its {@code DPoPProtectedResourceRequestVerifier}: that verifier's single-use
 * check is synchronous (ours may ask a shared store without blocking an event loop), its failures are
 * exception messages (we need a named reason for each), and it compares {@code htu} as exact text where
 * RFC 9449 §4.3 asks for normalized URIs. Never throws: anything unexpected is a refusal.
 */
public final class DPoPProofCheck {

    /** The replay guard namespace of proof identifiers. */
    static final String REPLAY_NAMESPACE = "dpop";

    private final DPoPSettings settings;
    private final ProofKeys keys;

    public DPoPProofCheck(DPoPSettings settings) {
        this.settings = settings;
        this.keys = new ProofKeys(settings.algorithms(), ProofKeys.DEFAULT_MAX_KEYS);
    }

    /**
     * Checks the proof(s) of a request.
     *
     * @param proofs      every {@code DPoP} header value of the request
     * @param method      the request method
     * @param requestUri  the canonical request URI ({@link Presentation#requestUri()})
     * @param accessToken the access token presented with the proof
     * @param boundJkt    the token's {@code cnf.jkt}
     * @return {@link Binding#DPOP} or the reason; completes at once unless the replay guard is remote
     */
    public CompletionStage<BindingOutcome> check(List<String> proofs, String method, String requestUri,
            String accessToken, String boundJkt) {
        String replayKey;
        try {
            replayKey = checkAllButReplay(proofs, method, requestUri, accessToken, boundJkt);
        } catch (Refusal refusal) {
            return refused(refusal.reason());
        } catch (RuntimeException e) {
            // A parser or provider surprise: the proof is not accepted, and nothing escapes.
            return refused(BindingFailure.DPOP_PROOF_INVALID);
        }
        CompletionStage<Boolean> first;
        try {
            first = settings.replay().firstUse(REPLAY_NAMESPACE, replayKey, settings.replayWindow());
        } catch (RuntimeException e) {
            return refused(BindingFailure.DPOP_REPLAY_CHECK_UNAVAILABLE);
        }
        return first.handle((isFirst, error) -> {
            if (error != null || isFirst == null) {
                return new BindingOutcome.Refused(BindingFailure.DPOP_REPLAY_CHECK_UNAVAILABLE);
            }
            return isFirst ? new BindingOutcome.Accepted(Binding.DPOP)
                    : new BindingOutcome.Refused(BindingFailure.DPOP_REPLAYED);
        });
    }

    /** The settings this check applies (algorithms for challenges, the nonce source). */
    public DPoPSettings settings() {
        return settings;
    }

    /** Every check but the replay; returns the proof's replay key. */
    private String checkAllButReplay(List<String> proofs, String method, String requestUri, String accessToken,
            String boundJkt) throws Refusal {
        if (proofs.isEmpty()) {
            throw new Refusal(BindingFailure.DPOP_PROOF_MISSING);
        }
        if (proofs.size() > 1) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        DPoPProof proof = DPoPProof.parse(proofs.get(0), keys);
        ProofClaims claims = ProofClaims.check(proof.payloadJson(), method, Htu.normalize(requestUri),
                accessToken, settings);
        String thumbprint = proof.key().thumbprint();
        if (!thumbprint.equals(boundJkt)) {
            throw new Refusal(BindingFailure.DPOP_KEY_MISMATCH);
        }
        if (!signatureVerifies(proof)) {
            throw new Refusal(BindingFailure.DPOP_SIGNATURE_INVALID);
        }
        DPoPNonceSource nonces = settings.nonces();
        if (nonces != null) {
            if (claims.nonce() == null) {
                throw new Refusal(BindingFailure.DPOP_NONCE_REQUIRED);
            }
            if (!nonces.accepts(claims.nonce())) {
                throw new Refusal(BindingFailure.DPOP_NONCE_INVALID);
            }
        }
        // Scoped by key, so no client can use up another's identifiers; hashed, so the stored value has one size.
        return ProofClaims.base64url(ProofClaims.sha256(
                (thumbprint + '\n' + claims.jti()).getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean signatureVerifies(DPoPProof proof) {
        try {
            return proof.key().verifier().verify(proof.header(), proof.signingInput(), proof.signature());
        } catch (JOSEException e) {
            return false;
        }
    }

    private static CompletionStage<BindingOutcome> refused(BindingFailure reason) {
        return CompletableFuture.completedFuture(new BindingOutcome.Refused(reason));
    }
}
