package io.portcullis.identity.binding;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DPoP proof split, decoded and held to the header rules of RFC 9449 §4.2–4.3 before any signature
 * work: exactly three base64url parts, {@code typ} {@code dpop+jwt}, an allowlisted asymmetric
 * {@code alg}, no {@code crit}, and a {@code jwk} that is a public key fitting that algorithm (an EC
 * point on its curve, an RSA modulus of at least 2048 bits). A private or symmetric key in {@code jwk}
 * is refused by name: it would mean the client leaked its key, or that a MAC secret is offered as
 * "proof".
 */
final class DPoPProof {

    /** Proofs longer than this are refused unread (an RSA-4096 proof is about 1.3 KB). */
    static final int MAX_CHARS = 8 * 1024;

    static final String TYPE = "dpop+jwt";

    private static final int MIN_RSA_BITS = 2048;
    /** Members only a private or symmetric JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ProofKey key;
    private final String payloadJson;
    private final byte[] signingInput;
    private final Base64URL signature;

    private DPoPProof(ProofKey key, String payloadJson, byte[] signingInput, Base64URL signature) {
        this.key = key;
        this.payloadJson = payloadJson;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** A checked header: what it says and the public key it carries. */
    record Header(JWSHeader header, JWK key) {
    }

    /**
     * Parses {@code text}; its header segment is checked by {@code keys} (which may know it already);
     * the payload is only decoded, not read.
     */
    static DPoPProof parse(String text, ProofKeys keys) throws Refusal {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        int headerEnd = text.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : text.indexOf('.', headerEnd + 1);
        if (payloadEnd < 0 || text.indexOf('.', payloadEnd + 1) >= 0) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        ProofKey key = keys.of(text.substring(0, headerEnd));
        String payload = decode(text.substring(headerEnd + 1, payloadEnd));
        byte[] signingInput = text.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII);
        String signatureSegment = text.substring(payloadEnd + 1);
        decode(signatureSegment); // strict alphabet check; Nimbus decodes it again for the verifier
        return new DPoPProof(key, payload, signingInput, new Base64URL(signatureSegment));
    }

    /** Applies the header rules to a proof's first segment. */
    static Header header(String headerSegment, Set<JWSAlgorithm> allowed) throws Refusal {
        if (headerSegment.isEmpty()) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        Map<String, Object> json = json(decode(headerSegment));
        Object type = json.get("typ");
        if (!(type instanceof String typ) || !TYPE.equals(typ.toLowerCase(Locale.ROOT))) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        JWSAlgorithm alg = algorithm(json.get("alg"), allowed);
        if (json.containsKey("crit")) {
            // We implement no extension, so a proof that makes one critical must be refused (RFC 7515 §4.1.11).
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        JWK key = publicKey(json.get("jwk"), alg);
        try {
            return new Header(JWSHeader.parse(json, new Base64URL(headerSegment)), key);
        } catch (ParseException e) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
    }

    JWSHeader header() {
        return key.header();
    }

    /** The public key the proof carries (and must be signed with), its thumbprint and verifier. */
    ProofKey key() {
        return key;
    }

    String payloadJson() {
        return payloadJson;
    }

    byte[] signingInput() {
        return Arrays.copyOf(signingInput, signingInput.length);
    }

    Base64URL signature() {
        return signature;
    }

    private static JWSAlgorithm algorithm(Object value, Set<JWSAlgorithm> allowed) throws Refusal {
        if (!(value instanceof String name)) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        JWSAlgorithm alg = JWSAlgorithm.parse(name);
        boolean asymmetric = JWSAlgorithm.Family.EC.contains(alg) || JWSAlgorithm.Family.RSA.contains(alg);
        if (!asymmetric || !allowed.contains(alg)) {
            throw new Refusal(BindingFailure.DPOP_ALGORITHM_NOT_ALLOWED);
        }
        return alg;
    }

    private static JWK publicKey(Object value, JWSAlgorithm alg) throws Refusal {
        if (!(value instanceof Map<?, ?> members)) {
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
        for (String privateMember : PRIVATE_MEMBERS) {
            if (members.containsKey(privateMember)) {
                throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
            }
        }
        JWK key;
        try {
            @SuppressWarnings("unchecked") // a JSON object's member names are strings
            Map<String, Object> object = (Map<String, Object>) members;
            key = JWK.parse(object);
        } catch (ParseException e) {
            // Unknown kty, missing members, or an EC point that is not on its curve.
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
        if (key.isPrivate() || !KeyType.forAlgorithm(alg).equals(key.getKeyType())) {
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
        if (key instanceof ECKey ec && !Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            throw new Refusal(BindingFailure.DPOP_KEY_INVALID);
        }
        return key;
    }

    /** Strict base64url without padding, as UTF-8 text. */
    private static String decode(String segment) throws Refusal {
        if (segment.isEmpty() || segment.indexOf('=') >= 0) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
        try {
            return new String(DECODER.decode(segment), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
    }

    /** A JSON object, read by Nimbus's parser. */
    static Map<String, Object> json(String text) throws Refusal {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new Refusal(BindingFailure.DPOP_PROOF_INVALID);
        }
    }
}
