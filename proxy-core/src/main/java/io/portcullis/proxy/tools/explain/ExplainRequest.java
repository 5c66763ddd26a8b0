package io.portcullis.proxy.tools.explain;

import java.net.InetAddress;
import java.security.cert.X509Certificate;

/**
 * The request {@code explain} decides.
 *
 * @param token       the identity token (verified for real; never printed), or null for anonymous
 * @param deviceToken the device-posture token, or null
 * @param dpopProof   the {@code DPoP} header (the token is then presented as {@code Authorization: DPoP}), or null
 * @param certificate the client certificate an mTLS listener would have verified, or null
 * @param origin      {@code scheme://host[:port]} the client addressed: a proof's {@code htu} is checked
 *                    against it plus the path
 */
public record ExplainRequest(String method, String host, String path, InetAddress sourceIp, String token,
                             String deviceToken, String dpopProof, X509Certificate certificate, String origin) {

    /** A request without a proof or certificate. */
    public ExplainRequest(String method, String host, String path, InetAddress sourceIp, String token,
                          String deviceToken) {
        this(method, host, path, sourceIp, token, deviceToken, null, null, "https://" + host);
    }

    @Override
    public String toString() {
        // Tokens are credentials: keep them out of any accidental log or message.
        return "ExplainRequest[" + method + " " + host + path + " from " + sourceIp.getHostAddress() + "]";
    }
}
