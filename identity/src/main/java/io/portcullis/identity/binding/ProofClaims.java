package io.portcullis.identity.binding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The claims of a DPoP proof and the checks on them that need no key (RFC 9449 §4.2–4.3): a
 * {@code jti}, {@code htm} equal to the request method, {@code htu} naming the request URI once both are
 * normalized ({@link Htu}), {@code iat} inside the acceptance window, and {@code ath} equal to the
 * base64url SHA-256 of the access token presented with it.
 */
final class ProofClaims {

    /** Proof identifiers longer than this are refused: they are remembered, so their size is bounded. */
    static final int MAX_JTI_CHARS = 256;

    private final String jti;
    private final String nonce;

    private ProofClaims(String jti, String nonce) {
        this.jti = jti;
        this.nonce = nonce;
    }

    /**
     * Reads and checks the claims.
     *
     * @param normalizedRequestUri the request URI through {@link Htu#normalize}, null when that failed
     */
    static ProofClaims check(String payloadJson, String method, String normalizedRequestUri, String accessToken,
            DPoPSettings settings) throws Refusal {
        Map<String, Object> claims = DPoPProof.json(payloadJson);
        String jti = string(claims, "jti", BindingFailure.DPOP_PROOF_INVALID);
        if (jti.length() > MAX_JTI_CHARS) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        if (!string(claims, "htm", BindingFailure.DPOP_PROOF_INVALID).equals(method)) {
            throw new Refusal(BindingFailure.DPOP_HTM_MISMATCH);
        }
        String htu = Htu.normalize(string(claims, "htu", BindingFailure.DPOP_PROOF_INVALID));
        if (htu == null || !htu.equals(normalizedRequestUri)) {
            throw new Refusal(BindingFailure.DPOP_HTU_MISMATCH);
        }
        checkIssuedAt(claims.get("iat"), settings);
        String ath = string(claims, "ath", BindingFailure.DPOP_ATH_MISMATCH);
        if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                tokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw new Refusal(BindingFailure.DPOP_ATH_MISMATCH);
        }
        Object nonce = claims.get("nonce");
        return new ProofClaims(jti, nonce instanceof String text ? text : null);
    }

    String jti() {
        return jti;
    }

    /** The {@code nonce} claim, or null when absent or not a string. */
    String nonce() {
        return nonce;
    }

    /** {@code base64url(SHA-256(ASCII(token)))}: the {@code ath} of RFC 9449 §4.2. */
    static String tokenHash(String accessToken) {
        return base64url(sha256(accessToken.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void checkIssuedAt(Object value, DPoPSettings settings) throws Refusal {
        if (!(value instanceof Number number)) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        double seconds = number.doubleValue();
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        Instant now = settings.clock().instant();
        // Compared in seconds as doubles: a huge iat must not wrap around into the window.
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        if (seconds > nowSeconds + settings.clockSkew().toMillis() / 1e3) {
            throw new Refusal(BindingFailure.DPOP_FUTURE);
        }
        if (seconds < nowSeconds - settings.maxAge().toMillis() / 1e3) {
            throw new Refusal(BindingFailure.DPOP_STALE);
        }
    }

    private static String string(Map<String, Object> claims, String name, BindingFailure ifAbsent) throws Refusal {
        Object value = claims.get(name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new Refusal(ifAbsent);
        }
        return text;
    }
}
