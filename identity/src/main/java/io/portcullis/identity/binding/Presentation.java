package io.portcullis.identity.binding;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How a verified access token reached us, as the request stage read it.
 *
 * @param scheme            the {@code Authorization} scheme the token came with
 * @param accessToken       the token exactly as presented (what {@code ath} hashes)
 * @param dpopProofs        every {@code DPoP} header value, in order (RFC 9449 §4.3: more than one is refused)
 * @param method            the request method, as received (methods are case-sensitive)
 * @param requestUri        the request URI as Portcullis canonicalized it, without query:
 *                          {@code scheme://host[:port]/canonical/path}, the scheme and host those of
 *                          {@code external_url} / trusted proxies, so that the URI the proof was checked
 *                          for is the one routing and policy saw
 * @param clientCertificate the client certificate the TLS listener verified, or null
 */
public record Presentation(
        Scheme scheme,
        String accessToken,
        List<String> dpopProofs,
        String method,
        String requestUri,
        X509Certificate clientCertificate) {

    public Presentation {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        dpopProofs = List.copyOf(dpopProofs);
    }

    /** The {@code Authorization} scheme. */
    public enum Scheme {
        /** {@code Bearer} (RFC 6750); certificate-bound tokens come this way. */
        BEARER,
        /** {@code DPoP} (RFC 9449 §7.1). */
        DPOP
    }
}
