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
 * @param requestHeaders    headers removed from and set on the request ({@code request_headers})
 */
public record RouteForwarding(Map<String, String> identityHeaders, boolean passAuthorization,
                              boolean passDevicePosture, String assertionHeader, RequestHeaderRules requestHeaders) {

    public RouteForwarding {
        identityHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(identityHeaders));
        requestHeaders = requestHeaders == null ? RequestHeaderRules.none() : requestHeaders;
    }

    /** No identity headers, credentials stripped, no assertion, no header rules. */
    public static RouteForwarding defaults() {
        return new RouteForwarding(Map.of(), false, false, null, RequestHeaderRules.none());
    }

    public RouteForwarding withIdentityHeaders(Map<String, String> headers) {
        return new RouteForwarding(headers, passAuthorization, passDevicePosture, assertionHeader, requestHeaders);
    }

    public RouteForwarding withPassAuthorization(boolean on) {
        return new RouteForwarding(identityHeaders, on, passDevicePosture, assertionHeader, requestHeaders);
    }

    public RouteForwarding withAssertionHeader(String header) {
        return new RouteForwarding(identityHeaders, passAuthorization, passDevicePosture, header, requestHeaders);
    }

    public RouteForwarding withRequestHeaders(RequestHeaderRules rules) {
        return new RouteForwarding(identityHeaders, passAuthorization, passDevicePosture, assertionHeader, rules);
    }
}
