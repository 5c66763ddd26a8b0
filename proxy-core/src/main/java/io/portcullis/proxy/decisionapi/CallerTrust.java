package io.portcullis.proxy.decisionapi;

import io.portcullis.config.Cidr;
import io.portcullis.config.ClientSecret;
import io.portcullis.proxy.server.ClientAddress;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Whether a caller of the decision API may describe a request: a peer in {@code trusted_proxies}, one
 * that presents the shared secret, or one whose client certificate the TLS handshake verified against
 * {@code decision_api.tls.client_ca_file}. What an untrusted caller forwards is never read, so a client
 * that reaches the listener cannot make Portcullis authorize a URI of its choosing.
 */
public final class CallerTrust {

    private CallerTrust() {
    }

    /** @param presented the values of the secret header (several are refused: which one counts?) */
    public static boolean trusted(InetAddress peer, List<Cidr> trustedProxies, ClientSecret secret,
                                  List<String> presented) {
        return trusted(peer, trustedProxies, secret, presented, false);
    }

    /** @param verifiedCertificate whether the connection presented a client certificate the handshake verified */
    public static boolean trusted(InetAddress peer, List<Cidr> trustedProxies, ClientSecret secret,
                                  List<String> presented, boolean verifiedCertificate) {
        if (verifiedCertificate || ClientAddress.trusted(trustedProxies, peer)) {
            return true;
        }
        if (secret == null || presented.size() != 1) {
            return false;
        }
        // Constant time, so the secret cannot be guessed a byte at a time from response times.
        return MessageDigest.isEqual(secret.value().getBytes(StandardCharsets.UTF_8),
                presented.get(0).getBytes(StandardCharsets.UTF_8));
    }
}
