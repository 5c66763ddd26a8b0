package io.portcullis.identity.binding;

import java.util.List;

/**
 * What a client is told when its token's binding was not proven: the status, the
 * {@code WWW-Authenticate} values (one challenge each), and the {@code DPoP-Nonce} to send, if any.
 * A pure function of the reason; the server renders it.
 *
 * <ul>
 *   <li>A bad proof: {@code DPoP error="invalid_dpop_proof"} with the accepted {@code algs} (RFC 9449 §7.1).</li>
 *   <li>A missing or stale nonce: {@code DPoP error="use_dpop_nonce"} and the current nonce (§8, §9).</li>
 *   <li>A DPoP token whose key is not the proof's: {@code DPoP error="invalid_token"}.</li>
 *   <li>A bound token as bearer, or an unbound one where binding is required: {@code Bearer
 *       error="invalid_token"} plus a {@code DPoP algs=…} offer, the way to a usable token.</li>
 *   <li>A certificate binding not met: {@code Bearer error="invalid_token"} (RFC 8705 §3).</li>
 *   <li>The replay store could not answer: 503 without a challenge: the client did nothing wrong.</li>
 * </ul>
 *
 * @param status          401, or 503 when the fault is ours
 * @param wwwAuthenticate one header value per challenge, in order; empty for 503
 * @param dpopNonce       the value of a {@code DPoP-Nonce} header, or null for none
 */
public record BindingChallenge(int status, List<String> wwwAuthenticate, String dpopNonce) {

    public BindingChallenge {
        wwwAuthenticate = List.copyOf(wwwAuthenticate);
    }

    /**
     * The answer to a refusal.
     *
     * @param dpopAlgorithms the issuer's accepted proof algorithms (announced in {@code algs})
     * @param currentNonce   the current server nonce when the issuer demands nonces, else null
     */
    public static BindingChallenge of(BindingFailure reason, List<String> dpopAlgorithms, String currentNonce) {
        if (reason.error() == null) {
            return new BindingChallenge(503, List.of(), null);
        }
        String described = "error=" + quoted(reason.error()) + ", error_description=" + quoted(reason.description());
        List<String> challenges = switch (reason) {
            case BOUND_TOKEN_AS_BEARER, TOKEN_NOT_BOUND ->
                    List.of("Bearer " + described, offer(dpopAlgorithms));
            case TOKEN_BINDING_UNSUPPORTED, CLIENT_CERT_MISSING, CERT_THUMBPRINT_MISMATCH ->
                    List.of("Bearer " + described);
            default -> List.of("DPoP " + described + ", algs=" + quoted(String.join(" ", dpopAlgorithms)));
        };
        return new BindingChallenge(401, challenges, currentNonce);
    }

    /** {@code DPoP algs="…"}: the challenge that offers DPoP when no token came with that scheme (§7.1). */
    public static String offer(List<String> dpopAlgorithms) {
        return "DPoP algs=" + quoted(String.join(" ", dpopAlgorithms));
    }

    /** An RFC 9110 quoted-string. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
