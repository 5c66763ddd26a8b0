package io.portcullis.identity.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the {@link VerifiedTokenCache} looks a token up by: the token split after its last dot into
 * the SHA-256 of what follows (a JWS's signature) and the text up to there (the signing input, header
 * and claims in base64url, and the dot). The cache files an entry under the hash and keeps the text
 * beside it; a hit needs both equal. The last segment holds no dot, so the split is unique: a hit
 * stands for exactly the token that was verified.
 *
 * <p>Why not the SHA-256 of the whole token: on a repeat token's path the hash and the copying it
 * needed were two thirds of the whole decision, and most of a token is its claims, which the cache
 * keeps anyway (decoded) and which are no credential without the signature. Hashing the signature
 * (342 of an RS256 token's ~870 characters) and comparing the rest in bulk costs about a third. The
 * cache still keeps no token that could be presented again: never the signature, only its hash.
 *
 * <p>A key made on arrival ({@link #ofAscii}) points into the header value it was found in; what the
 * cache keeps is a copy of the signing input ({@link #signingInput()}).
 */
public final class VerifiedTokenKey {

    private final TokenDigest lastSegment;
    private final String source;
    private final int from;
    /** Where the last segment starts: just after the last dot, or {@code from} when there is none. */
    private final int lastSegmentStart;

    private VerifiedTokenKey(TokenDigest lastSegment, String source, int from, int lastSegmentStart) {
        this.lastSegment = lastSegment;
        this.source = source;
        this.from = from;
        this.lastSegmentStart = lastSegmentStart;
    }

    /**
     * The key of the token at {@code source[from, to)}, or null when those characters are not all ASCII
     * (never token68, so never cached).
     */
    public static VerifiedTokenKey ofAscii(String source, int from, int to) {
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.ascii(source, from, to);
        if (bytes == null) {
            return null;
        }
        int lastSegmentStart = from;
        for (int dot = source.indexOf('.', from); dot >= 0 && dot < to; dot = source.indexOf('.', dot + 1)) {
            lastSegmentStart = dot + 1;
        }
        int signingInputLength = lastSegmentStart - from;
        // The signing input is no credential, but the scratch keeps nothing of a token.
        scratch.discard(bytes, 0, signingInputLength);
        TokenDigest digest = scratch.digest(bytes, signingInputLength, to - lastSegmentStart);
        return new VerifiedTokenKey(digest, source, from, lastSegmentStart);
    }

    /**
     * The key of {@code token}, whatever its characters: one that is not ASCII is keyed by its US-ASCII
     * encoding (a '?' for each other character), which names it in logs. Such a token is never cached.
     */
    public static VerifiedTokenKey of(String token) {
        VerifiedTokenKey key = ofAscii(token, 0, token.length());
        if (key != null) {
            return key;
        }
        String ascii = new String(token.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
        return ofAscii(ascii, 0, ascii.length());
    }

    /** SHA-256 of the token's last segment: what the cache files the token under. */
    public TokenDigest lastSegment() {
        return lastSegment;
    }

    /** A copy of the token up to and with its last dot, as ASCII bytes: what the cache keeps beside the hash. */
    byte[] signingInput() {
        byte[] copy = new byte[lastSegmentStart - from];
        copyAscii(copy);
        return copy;
    }

    /** Whether {@code kept} is this token's {@link #signingInput()}: one bulk copy and one bulk comparison. */
    boolean signingInputEquals(byte[] kept) {
        int length = lastSegmentStart - from;
        if (kept.length != length) {
            return false;
        }
        // Copied again from the string rather than kept in the scratch since the key was made: the thread may
        // key another token in between (a miss is verified asynchronously), and a string cannot change.
        Sha256Scratch scratch = Sha256Scratch.get();
        byte[] bytes = scratch.input(length);
        copyAscii(bytes);
        boolean equal = Arrays.equals(bytes, 0, length, kept, 0, length);
        scratch.discard(bytes, 0, length);
        return equal;
    }

    /**
     * The signing input's characters as bytes. String's byte-per-character copy keeps the low byte of
     * each character, which is exact here: every character was found ASCII when this key was made, and
     * a string never changes.
     */
    @SuppressWarnings("deprecation")
    private void copyAscii(byte[] into) {
        source.getBytes(from, lastSegmentStart, into, 0);
    }

    /** First 12 hex digits of the SHA-256 of the token's last segment: names the token in logs. */
    public String shortHex() {
        return lastSegment.shortHex();
    }

    /** Never the token's text: a key may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "VerifiedTokenKey[" + shortHex() + "]";
    }
}
