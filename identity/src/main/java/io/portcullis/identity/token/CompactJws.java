package io.portcullis.identity.token;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
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
    private final int payloadEnd;
    private final JWSHeader header;
    private final byte[] signature;

    private CompactJws(String token, int payloadEnd, JWSHeader header, byte[] signature) {
        this.token = token;
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
        String headerSegment = token.substring(0, headerEnd);
        Map<String, Object> headerJson = JsonObjectReader.parse(decodeToString(headerSegment, 0));
        if (Algorithm.NONE.getName().equals(headerJson.get("alg"))) {
            throw new Unsecured();
        }
        JWSHeader header = JWSHeader.parse(headerJson, new Base64URL(headerSegment));
        byte[] signature = decode(token.substring(payloadEnd + 1), payloadEnd + 1);
        return new CompactJws(token, payloadEnd, header, signature);
    }

    JWSHeader header() {
        return header;
    }

    /** The payload's claims, read once into their plain form. */
    TokenClaims claims() throws ParseException {
        int payloadStart = token.indexOf('.') + 1;
        String json = decodeToString(token.substring(payloadStart, payloadEnd), payloadStart);
        return TokenClaims.parse(json);
    }

    /** {@code ASCII(header '.' payload)}: the bytes the signature covers (RFC 7515 §5.2). */
    byte[] signingInput() {
        // Both segments decoded as base64url, so every char is ASCII.
        return token.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII);
    }

    /** The decoded signature (a copy: callers may not change this token's). */
    byte[] signature() {
        return signature.clone();
    }

    /** The token as received, for verifiers that take Nimbus's own object. */
    String serialized() {
        return token;
    }

    private static byte[] decode(String segment, int offset) throws ParseException {
        if (segment.indexOf('=') >= 0) {
            // RFC 7515 §2: base64url without padding.
            throw new ParseException("padded base64url", offset);
        }
        try {
            return DECODER.decode(segment);
        } catch (IllegalArgumentException e) {
            throw new ParseException("invalid base64url", offset);
        }
    }

    private static String decodeToString(String segment, int offset) throws ParseException {
        return new String(decode(segment, offset), StandardCharsets.UTF_8);
    }

    /** The token's header says {@code alg: none}: an unsecured JWS, never accepted. */
    static final class Unsecured extends ParseException {

        private static final long serialVersionUID = 1L;

        Unsecured() {
            super("unsecured JWS (alg none)", 0);
        }
    }
}
