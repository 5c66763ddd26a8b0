package io.portcullis.proxy.auth;

import java.util.List;

/**
 * Facts about a client certificate the TLS handshake verified against {@code tls.client_ca_file}.
 *
 * @param fingerprint lower-case hex SHA-256 of the DER certificate
 * @param subject     RFC 2253 subject name
 * @param sans        subject alternative names (DNS, IP, URI, e-mail), as text
 * @param spiffeId    the {@code spiffe://} URI SAN, or null
 */
public record ClientCertificate(String fingerprint, String subject, List<String> sans, String spiffeId) {

    public ClientCertificate {
        sans = List.copyOf(sans);
    }
}
