package io.portcullis.proxy.server.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.portcullis.config.TlsConfig;
import javax.net.ssl.SSLException;

/**
 * Builds the listener's {@link SslContext} from a {@link TlsConfig}: TLS 1.2+ only (or 1.3 only), AEAD
 * suites with forward secrecy only (the HTTP/2 list, which excludes CBC and RSA key exchange), ALPN
 * offering {@code h2} then {@code http/1.1}, and client certificates checked against the client CA.
 */
public final class ServerTlsContext {

    private ServerTlsContext() {
    }

    /** @throws SSLException when the files cannot be used (bad PEM, key not matching the certificate) */
    public static SslContext build(TlsConfig config) throws SSLException {
        return build(config, true);
    }

    /**
     * @param http2 whether ALPN offers h2 besides http/1.1; a listener that speaks only HTTP/1.1 (the
     *              decision API) must not, or a client that prefers h2 would speak it to an HTTP/1.1 codec
     */
    public static SslContext build(TlsConfig config, boolean http2) throws SSLException {
        String[] protocols = TlsConfig.TLS_1_3.equals(config.minVersion())
                ? new String[] {TlsConfig.TLS_1_3}
                : new String[] {TlsConfig.TLS_1_3, TlsConfig.TLS_1_2};
        SslContextBuilder b;
        try {
            b = SslContextBuilder.forServer(config.certFile().toFile(), config.keyFile().toFile());
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot read the certificate or key: " + e.getMessage(), e);
        }
        b.sslProvider(SslProvider.JDK)
                .protocols(protocols)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        http2 ? new String[] {ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1}
                                : new String[] {ApplicationProtocolNames.HTTP_1_1}));
        if (config.clientAuth() != TlsConfig.ClientAuth.NONE && config.clientCaFile() != null) {
            b.trustManager(config.clientCaFile().toFile());
            b.clientAuth(config.clientAuth() == TlsConfig.ClientAuth.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return b.build();
    }
}
