package io.portcullis.proxy.auth;

import io.portcullis.identity.DevicePosture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a verified client certificate to the device facts policies see, as the attributes
 * {@code cert_fingerprint}, {@code cert_subject}, {@code cert_san} and {@code spiffe_id}.
 *
 * <p>Precedence: the TLS handshake proved possession of the certificate's key, so these four
 * attributes only ever come from the certificate: a posture token or identity claim that sets them is
 * overridden, and without a certificate they are removed (a token cannot claim a certificate that was
 * not presented on this connection). All other attributes come from the posture token as before. With a certificate and no other posture, the device is the
 * certificate: source {@code client-certificate}, device id the SPIFFE id or else the fingerprint.
 */
public final class CertificatePosture {

    /** Source of posture made only from a client certificate. */
    public static final String SOURCE = "client-certificate";

    private CertificatePosture() {
    }

    /** Attributes reserved for a verified client certificate. */
    public static final List<String> RESERVED = List.of("cert_fingerprint", "cert_subject", "cert_san", "spiffe_id");

    /** {@code posture} with the certificate's facts; either may be null. */
    public static DevicePosture merge(DevicePosture posture, ClientCertificate cert) {
        if (cert == null) {
            return withoutReserved(posture);
        }
        Map<String, Object> attributes = posture == null ? new HashMap<>() : new HashMap<>(posture.attributes());
        attributes.put("cert_fingerprint", cert.fingerprint());
        attributes.put("cert_subject", cert.subject());
        attributes.put("cert_san", cert.sans());
        if (cert.spiffeId() != null) {
            attributes.put("spiffe_id", cert.spiffeId());
        } else {
            attributes.remove("spiffe_id");
        }
        if (posture == null) {
            String id = cert.spiffeId() != null ? cert.spiffeId() : "sha256:" + cert.fingerprint();
            return new DevicePosture(id, SOURCE, attributes, null);
        }
        return new DevicePosture(posture.deviceId(), posture.source(), attributes, posture.issuedAt());
    }

    private static DevicePosture withoutReserved(DevicePosture posture) {
        if (posture == null || !hasReserved(posture.attributes())) {
            return posture;
        }
        Map<String, Object> attributes = new HashMap<>(posture.attributes());
        attributes.keySet().removeAll(RESERVED);
        return new DevicePosture(posture.deviceId(), posture.source(), attributes, posture.issuedAt());
    }

    /** A loop, not a stream: this runs for every request with posture, and nearly always finds nothing. */
    private static boolean hasReserved(Map<String, Object> attributes) {
        for (int i = 0; i < RESERVED.size(); i++) {
            if (attributes.containsKey(RESERVED.get(i))) {
                return true;
            }
        }
        return false;
    }
}
