package io.portcullis.identity;

/**
 * Callbacks the identity module reports through, so it stays free of any metrics library. All
 * methods default to doing nothing; implementations must be cheap and thread-safe.
 */
public interface IdentityEvents {

    /** A JWKS (or discovery) fetch finished; {@code result} is {@code success} or a failure code. */
    default void jwksFetch(String issuerId, String result) {
    }

    /** A token was looked up in the verified-token cache. */
    default void tokenCache(boolean hit) {
    }

    /**
     * A token's signature was checked against one of the issuer's keys (the expensive step the
     * verified-token cache exists to skip).
     */
    default void signatureChecked(String issuerId) {
    }

    IdentityEvents NONE = new IdentityEvents() {
    };
}
