package io.portcullis.proxy.forward;

import java.util.Map;

/**
 * One configured identity header: a header name filled from one claim. Rendering is strict: list
 * claims become comma-separated values; a value with a control character or over the size budget is
 * left out (and reported), never forwarded raw, because a CR/LF in a header value is a response
 * splitting or request smuggling primitive against the upstream.
 *
 * @param header the header name sent upstream
 * @param claim  the claim it is taken from; a dotted path reads nested objects ({@code device.id})
 */
public record IdentityHeaderRule(String header, String claim, int maxBytes) {

    /** Why a value was left out; null when it was rendered. */
    public enum Omission { ABSENT, UNSUPPORTED_TYPE, UNSAFE_CHARACTER, TOO_LARGE }

    /** A rendered header value or the reason it was omitted. */
    public record Rendered(String value, Omission omission) {
    }

    /** The value was absent: nothing to send, nothing to report. */
    static final Rendered ABSENT_VALUE = new Rendered(null, Omission.ABSENT);

    public Rendered render(Map<String, Object> claims) {
        Object v = lookup(claims, claim);
        if (v == null) {
            return ABSENT_VALUE;
        }
        String text = HeaderValues.text(v);
        return text == null ? new Rendered(null, Omission.UNSUPPORTED_TYPE) : HeaderValues.checked(text, maxBytes);
    }

    @SuppressWarnings("unchecked")
    static Object lookup(Map<String, Object> claims, String path) {
        Object direct = claims.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        Object cur = claims;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return cur;
    }
}
