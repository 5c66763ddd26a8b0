package io.portcullis.identity;

import io.portcullis.identity.cache.Token68;
import io.portcullis.identity.cache.VerifiedTokenKey;

/**
 * A bearer credential as it arrived, inside the header value that carried it, with its cache key
 * ({@link VerifiedTokenKey}: its signature hashed) already taken. A cached token is answered from the
 * key alone, so the token's own string is made only when it has to be verified.
 */
public final class PresentedToken {

    private final String source;
    private final int from;
    private final int to;
    private final VerifiedTokenKey key;
    private String text;

    private PresentedToken(String source, int from, int to, VerifiedTokenKey key) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.key = key;
    }

    /**
     * The token at {@code source[from, to)}, keyed, or null when its characters are not all ASCII
     * (never token68). Whether it is token68 is asked separately ({@link #isToken68()}), as a token
     * found in the verified-token cache need not be checked again: only the same, token68, text
     * matches a cached key.
     */
    public static PresentedToken ofAscii(String source, int from, int to) {
        VerifiedTokenKey key = VerifiedTokenKey.ofAscii(source, from, to);
        return key == null ? null : new PresentedToken(source, from, to, key);
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

    /** The token's cache key, equal to {@link VerifiedTokenKey#of(String) VerifiedTokenKey.of(text())}. */
    public VerifiedTokenKey key() {
        return key;
    }

    /** Never the token: this object may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "PresentedToken[" + key.shortHex() + "]";
    }
}
