package io.portcullis.identity.token;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A compact JWS ({@code header.payload.signature}) split once and decoded with the JDK's Base64
 * decoder. Nimbus's own decoder is constant-time and lenient: in a profile of an uncached
 * verification it took more time than the RSA signature check itself, and there is no secret in a
 * token's header, payload or signature to hide timing for. Decoding here is strict: a character
 * outside the base64url alphabet makes the token malformed. The header is read by
 * {@link JsonObjectReader} into the shapes Nimbus's parser gives; the claims by {@link TokenClaims}.
 *
 * <p>The header is parsed at once (its rules decide before anything else is read); the claims only
 * when asked for.
 */
final class CompactJws {

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String token;
    /** The token's characters as bytes, one each: segments are decoded from it and signed as it is. */
    private final byte[] ascii;
    private final int payloadEnd;
    private final JWSHeader header;
    private final byte[] signature;

    private CompactJws(String token, byte[] ascii, int payloadEnd, JWSHeader header, byte[] signature) {
        this.token = token;
        this.ascii = ascii;
        this.payloadEnd = payloadEnd;
        this.header = header;
        this.signature = signature;
    }

    /**
     * Splits and decodes a compact JWS.
     *
     * @throws Unsecured for {@code alg: none}
     * @throws ParseException for anything that is not a well-formed three-part JWS (JWE included)
     */
    static CompactJws parse(String token) throws ParseException {
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (payloadEnd < 0 || token.indexOf('.', payloadEnd + 1) >= 0) {
            throw new ParseException("not a three-part compact JWS", 0);
        }
        // One copy of the token as bytes, decoded and signed from in place (each segment was a substring,
        // copied again by the decoder, and the signing input two more copies). A character above U+00FF
        // becomes '?', outside the base64url alphabet; a surrogate pair becomes one, so the lengths differ.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (ascii.length != token.length()) {
            throw new ParseException("not a compact JWS", 0);
        }
        String headerJsonText = decodeToString(token, ascii, 0, headerEnd);
        Map<String, Object> headerJson = JsonObjectReader.parse(headerJsonText);
        if (Algorithm.NONE.getName().equals(headerJson.get("alg"))) {
            throw new Unsecured();
        }
        JWSHeader header = JWSHeader.parse(headerJson, new Base64URL(token.substring(0, headerEnd)));
        byte[] signature = decode(token, ascii, payloadEnd + 1, token.length());
        return new CompactJws(token, ascii, payloadEnd, header, signature);
    }

    JWSHeader header() {
        return header;
    }

    /** The payload's claims, read once into their plain form. */
    TokenClaims claims() throws ParseException {
        int payloadStart = token.indexOf('.') + 1;
        return TokenClaims.parse(decodeToString(token, ascii, payloadStart, payloadEnd));
    }

    /** {@code ASCII(header '.' payload)}: the bytes the signature covers (RFC 7515 §5.2). */
    byte[] signingInput() {
        return Arrays.copyOf(ascii, payloadEnd);
    }

    /**
     * The token's bytes, of which the first {@link #signingInputLength()} are the signing input, for a
     * verifier to read without a copy. Not to be changed.
     */
    byte[] bytes() {
        return ascii;
    }

    int signingInputLength() {
        return payloadEnd;
    }

    /** The decoded signature (a copy: callers may not change this token's). */
    byte[] signature() {
        return signature.clone();
    }

    /**
     * The decoded signature itself, for a verifier that only reads it (no copy on every new token's
     * path). Not to be changed.
     */
    byte[] signatureBytes() {
        return signature;
    }

    /** The token as received, for verifiers that take Nimbus's own object. */
    String serialized() {
        return token;
    }

    /** The segment {@code [from, to)} of the token, decoded. */
    private static byte[] decode(String token, byte[] ascii, int from, int to) throws ParseException {
        int padding = token.indexOf('=', from);
        if (padding >= 0 && padding < to) {
            // RFC 7515 §2: base64url without padding.
            throw new ParseException("padded base64url", from);
        }
        ByteBuffer decoded;
        try {
            decoded = DECODER.decode(ByteBuffer.wrap(ascii, from, to - from));
        } catch (IllegalArgumentException e) {
            throw new ParseException("invalid base64url", from);
        }
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.remaining() == array.length
                ? array : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                        decoded.arrayOffset() + decoded.limit());
    }

    private static String decodeToString(String token, byte[] ascii, int from, int to) throws ParseException {
        return new String(decode(token, ascii, from, to), StandardCharsets.UTF_8);
    }

    /** The token's header says {@code alg: none}: an unsecured JWS, never accepted. */
    static final class Unsecured extends ParseException {

        private static final long serialVersionUID = 1L;

        Unsecured() {
            super("unsecured JWS (alg none)", 0);
        }
    }
}
