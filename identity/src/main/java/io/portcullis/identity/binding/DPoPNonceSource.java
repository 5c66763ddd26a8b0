package io.portcullis.identity.binding;

/**
 * Server-provided DPoP nonces (RFC 9449 §8): the value a client must put in its next proofs, and
 * whether a proof's value is still good. Implementations rotate the value and keep accepting the one
 * before it for a while, so a client that just fetched it is not refused at the turn.
 */
public interface DPoPNonceSource {

    /** The nonce to send in a {@code DPoP-Nonce} header now. */
    String current();

    /** True when a proof carrying {@code nonce} may be accepted now. */
    boolean accepts(String nonce);
}
