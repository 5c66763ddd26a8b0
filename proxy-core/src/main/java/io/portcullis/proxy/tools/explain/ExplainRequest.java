package io.portcullis.proxy.tools.explain;

import java.net.InetAddress;

/**
 * The request {@code explain} decides.
 *
 * @param token       the identity token (verified for real; never printed), or null for anonymous
 * @param deviceToken the device-posture token, or null
 */
public record ExplainRequest(String method, String host, String path, InetAddress sourceIp, String token,
                             String deviceToken) {

    @Override
    public String toString() {
        // Tokens are credentials: keep them out of any accidental log or message.
        return "ExplainRequest[" + method + " " + host + path + " from " + sourceIp.getHostAddress() + "]";
    }
}
