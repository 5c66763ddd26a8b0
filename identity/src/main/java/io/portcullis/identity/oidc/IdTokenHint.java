package io.portcullis.identity.oidc;

import com.nimbusds.jwt.JWT;

/**
 * Which ID token a session keeps for RP-initiated logout's {@code id_token_hint}. The token must be
 * sent exactly as the issuer signed it, so it cannot be trimmed: it is kept whole when it is small
 * (the common case, a few hundred bytes to 2 KB), and not at all when it is larger. Sealed, a kept
 * token adds about 4/3 of its length to the session cookie; the cap keeps a session with it well
 * inside the default 16 KB request-header budget, where a token carrying hundreds of groups (already
 * in the session's claims once) would double an already chunked cookie.
 */
final class IdTokenHint {

    /** Longest ID token kept; a longer one means logging out without a hint. */
    static final int MAX_CHARS = 4096;

    private IdTokenHint() {
    }

    /** The compact ID token to keep, or null when there is none or it is over {@link #MAX_CHARS}. */
    static String keep(JWT idToken) {
        if (idToken == null) {
            return null;
        }
        // The string the issuer sent, byte for byte: a re-serialisation could differ and fail its signature.
        String compact = idToken.getParsedString() != null ? idToken.getParsedString() : idToken.serialize();
        return compact.length() <= MAX_CHARS ? compact : null;
    }
}
