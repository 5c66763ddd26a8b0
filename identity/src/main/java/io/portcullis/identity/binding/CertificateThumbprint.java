package io.portcullis.identity.binding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * RFC 8705 §3.1: a certificate-bound token's {@code cnf.x5t#S256} is the base64url SHA-256 of the
 * DER encoding of the client certificate; it must equal that of the certificate the TLS listener
 * verified on this connection.
 */
final class CertificateThumbprint {

    private CertificateThumbprint() {
    }

    /** {@code base64url(SHA-256(DER))}, or null when the certificate cannot be encoded. */
    static String of(X509Certificate certificate) {
        try {
            return ProofClaims.base64url(ProofClaims.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    /** True when {@code certificate} is the one {@code x5tS256} names. */
    static boolean matches(X509Certificate certificate, String x5tS256) {
        String actual = of(certificate);
        return actual != null && MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                x5tS256.getBytes(StandardCharsets.US_ASCII));
    }
}
