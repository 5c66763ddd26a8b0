package io.portcullis.proxy.server.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.portcullis.proxy.auth.ClientCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Reads the verified client certificate of a connection once, after the handshake, and keeps its facts
 * on the channel; HTTP/2 streams find them on their parent connection.
 */
public final class ClientCertificates {

    private static final AttributeKey<ClientCertificate> KEY = AttributeKey.valueOf("portcullis.client-certificate");

    private ClientCertificates() {
    }

    /** Records the peer's certificate, if it presented one; called once the handshake succeeded. */
    public static void capture(Channel channel, SslHandler ssl) {
        ClientCertificate c = of(ssl.engine().getSession());
        if (c != null) {
            channel.attr(KEY).set(c);
        }
    }

    /** The facts of the connection's (or its parent connection's) client certificate, or null. */
    public static ClientCertificate of(Channel channel) {
        for (Channel ch = channel; ch != null; ch = ch.parent()) {
            ClientCertificate c = ch.attr(KEY).get();
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** Facts of the session's leaf peer certificate; null when the peer sent none. */
    static ClientCertificate of(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return null;
        }
        return describe(leaf);
    }

    /** The facts of one certificate. */
    public static ClientCertificate describe(X509Certificate leaf) {
        List<String> sans = new ArrayList<>();
        String spiffe = null;
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() >= 2 && n.get(1) instanceof String value) {
                        sans.add(value);
                        // type 6 = uniformResourceIdentifier
                        if (spiffe == null && Integer.valueOf(6).equals(n.get(0))
                                && value.toLowerCase(Locale.ROOT).startsWith("spiffe://")) {
                            spiffe = value;
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable SANs: the certificate still identifies by fingerprint and subject
        }
        return new ClientCertificate(fingerprint(leaf), leaf.getSubjectX500Principal().getName(), sans, spiffe,
                leaf);
    }

    private static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a verified certificate", e);
        }
    }
}
