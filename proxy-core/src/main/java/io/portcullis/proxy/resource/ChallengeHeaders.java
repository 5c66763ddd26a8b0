package io.portcullis.proxy.resource;

import io.portcullis.identity.binding.BindingChallenge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The authentication header fields of a refusal, in the order they are sent: the bearer challenge,
 * then one {@code WWW-Authenticate} field per sender-constraint challenge (a client picks the one whose
 * scheme it speaks, RFC 9449 §7.1), each with {@code resource_metadata} when a 401 has a metadata URL,
 * then {@code DPoP-Nonce}. One list for the proxy's own answers and for forward-auth's, so an edge
 * passes on exactly what a client of the proxy would get.
 */
public final class ChallengeHeaders {

    private ChallengeHeaders() {
    }

    /**
     * @param wwwAuthenticate the bearer challenge, or null
     * @param binding         the sender-constraint challenges and nonce, or null
     * @param metadataUrl     the route's RFC 9728 metadata URL for a 401, or null
     */
    public static List<Map.Entry<String, String>> of(String wwwAuthenticate, BindingChallenge binding,
                                                      String metadataUrl) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(3);
        if (wwwAuthenticate != null) {
            fields.add(Map.entry("WWW-Authenticate", ResourceMetadataLocation.challenge(wwwAuthenticate, metadataUrl)));
        }
        if (binding != null) {
            for (String challenge : binding.wwwAuthenticate()) {
                fields.add(Map.entry("WWW-Authenticate", ResourceMetadataLocation.challenge(challenge, metadataUrl)));
            }
            if (binding.dpopNonce() != null) {
                fields.add(Map.entry("DPoP-Nonce", binding.dpopNonce()));
            }
        }
        return fields;
    }
}
