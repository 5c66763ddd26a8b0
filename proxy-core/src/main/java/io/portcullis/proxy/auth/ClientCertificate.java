package io.portcullis.proxy.auth;

import java.security.cert.X509Certificate;

import java.util.List;

/**
 * Facts about a client certificate the TLS handshake verified against {@code tls.client_ca_file}.
 *
 * @param fingerprint lower-case hex SHA-256 of the DER certificate
 * @param subject     RFC 2253 subject name
 * @param sans        subject alternative names (DNS, IP, URI, e-mail), as text
 * @param spiffeId    the {@code spiffe://} URI SAN, or null
 * @param certificate the certificate itself, for a certificate-bound token's check (RFC 8705), or null
 */
public record ClientCertificate(String fingerprint, String subject, List<String> sans, String spiffeId,
                                X509Certificate certificate) {

    public ClientCertificate {
        sans = List.copyOf(sans);
    }
}
