package io.portcullis.proxy.access;

import io.portcullis.identity.binding.BindingChallenge;

import io.portcullis.identity.oidc.StepUp;
import java.util.List;

/**
 * What the client is answered for a decision, as plain data the server renders.
 *
 * @param action            forward, answer locally, or start a login
 * @param status            the status of a local answer (0 when forwarded or redirected to a login)
 * @param reasons           the reasons of the decision line; the first is the answer's error code
 * @param wwwAuthenticate   the {@code WWW-Authenticate} value, or null
 * @param retryAfterSeconds the {@code Retry-After} value, 0 for none
 * @param close             the connection closes after the answer (the request itself is ambiguous)
 * @param login             for {@link Action#LOGIN}, what the login asks the IdP for, else null
 * @param setCookies        Set-Cookie values every answer carries (a refreshed or cleared session)
 * @param binding           for a token whose sender binding was not proven: its challenges (sent
 *                          instead of {@code wwwAuthenticate}) and {@code DPoP-Nonce}; else null
 */
public record AccessResponse(Action action, int status, List<String> reasons, String wwwAuthenticate,
                             long retryAfterSeconds, boolean close, StepUp login, List<String> setCookies,
                             BindingChallenge binding) {

    /** What the server does with the request. */
    public enum Action {
        /** Forward to the upstream. */
        FORWARD,
        /** Answer with {@code status} here. */
        REFUSE,
        /** Redirect the browser to the issuer's login. */
        LOGIN
    }

    public AccessResponse {
        reasons = List.copyOf(reasons);
        setCookies = List.copyOf(setCookies);
    }
}
