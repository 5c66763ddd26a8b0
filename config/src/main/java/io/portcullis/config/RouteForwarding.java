package io.portcullis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route tells its upstream about the caller, beyond the request itself.
 *
 * @param identityHeaders   header name → claim name, sent upstream (insertion order kept)
 * @param passAuthorization forward the client's {@code Authorization} header
 * @param passDevicePosture forward the device-posture header
 * @param assertionHeader   header carrying the signed identity assertion, or null for none
 */
public record RouteForwarding(Map<String, String> identityHeaders, boolean passAuthorization,
                              boolean passDevicePosture, String assertionHeader) {

    public RouteForwarding {
        identityHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(identityHeaders));
    }

    /** No identity headers, credentials stripped, no assertion. */
    public static RouteForwarding defaults() {
        return new RouteForwarding(Map.of(), false, false, null);
    }

    public RouteForwarding withIdentityHeaders(Map<String, String> headers) {
        return new RouteForwarding(headers, passAuthorization, passDevicePosture, assertionHeader);
    }

    public RouteForwarding withPassAuthorization(boolean on) {
        return new RouteForwarding(identityHeaders, on, passDevicePosture, assertionHeader);
    }

    public RouteForwarding withAssertionHeader(String header) {
        return new RouteForwarding(identityHeaders, passAuthorization, passDevicePosture, header);
    }
}
