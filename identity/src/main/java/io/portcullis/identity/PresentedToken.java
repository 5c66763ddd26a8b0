package io.portcullis.identity;

import io.portcullis.identity.cache.Token68;
import io.portcullis.identity.cache.TokenDigest;

/**
 * A bearer credential as it arrived, inside the header value that carried it, with its SHA-256
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
     * The token at {@code source[from, to)}, hashed, or null when those characters are not all ASCII
     * (never token68). Whether it is token68 is asked separately ({@link #isToken68()}), as a token
     * found in the verified-token cache need not be checked again.
     */
    public static PresentedToken ofAscii(String source, int from, int to) {
        TokenDigest digest = TokenDigest.ofAscii(source, from, to);
        return digest == null ? null : new PresentedToken(source, from, to, digest);
    }

    /** True when the token is token68 (RFC 7235 §2.1), the syntax of a bearer token. */
    public boolean isToken68() {
        return Token68.matches(source, from, to);
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
