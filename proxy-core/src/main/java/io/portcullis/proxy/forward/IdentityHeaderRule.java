package io.portcullis.proxy.forward;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static final Rendered ABSENT = new Rendered(null, Omission.ABSENT);

    public Rendered render(Map<String, Object> claims) {
        Object v = lookup(claims, claim);
        if (v == null) {
            return ABSENT;
        }
        String text;
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object item : list) {
                if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
                    return new Rendered(null, Omission.UNSUPPORTED_TYPE);
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(item);
            }
            text = sb.toString();
        } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            text = v.toString();
        } else {
            return new Rendered(null, Omission.UNSUPPORTED_TYPE);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return new Rendered(null, Omission.UNSAFE_CHARACTER);
            }
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            return new Rendered(null, Omission.TOO_LARGE);
        }
        // Header values travel as bytes; Netty writes each char as one byte, so carry UTF-8 bytes
        // as ISO-8859-1 chars to put exactly the UTF-8 encoding on the wire.
        String wire = utf8.length == text.length() ? text : new String(utf8, StandardCharsets.ISO_8859_1);
        return new Rendered(wire, null);
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
