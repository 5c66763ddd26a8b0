package io.portcullis.identity;

import io.portcullis.identity.cache.TokenDigest;

/**
 * A token68 credential as it arrived, inside the header value that carried it, with its SHA-256
 * already taken. A cached token is answered from the digest alone, so the token's own string is made
 * only when it has to be verified.
 */
public final class PresentedToken {

    private final String source;
    private final int from;
    private final int to;
    private final TokenDigest digest;
    private String text;

    private PresentedToken(String source, int from, int to, TokenDigest digest) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.digest = digest;
    }

    /**
     * The token at {@code source[from, to)}, or null when those characters are not token68 (RFC 7235
     * §2.1); checking the syntax and hashing are one pass over the characters.
     */
    public static PresentedToken ofToken68(String source, int from, int to) {
        TokenDigest digest = TokenDigest.ofToken68(source, from, to);
        return digest == null ? null : new PresentedToken(source, from, to, digest);
    }

    /** The token itself. */
    public String text() {
        if (text == null) {
            text = source.substring(from, to);
        }
        return text;
    }

    public int length() {
        return to - from;
    }

    /** SHA-256 of the token, equal to {@link TokenDigest#of(String) TokenDigest.of(text())}. */
    public TokenDigest digest() {
        return digest;
    }

    /** Never the token: this object may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "PresentedToken[" + digest.shortHex() + "]";
    }
}
