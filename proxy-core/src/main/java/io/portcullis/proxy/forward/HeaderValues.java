package io.portcullis.proxy.forward;

import io.portcullis.proxy.forward.IdentityHeaderRule.Omission;
import io.portcullis.proxy.forward.IdentityHeaderRule.Rendered;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every header value the proxy fills from request facts passes through, for identity headers and
 * header rules alike: JSON values become text (lists comma-separated), and text with a control
 * character or over the size budget is refused, because a CR/LF in a header value is a response
 * splitting or request smuggling primitive against the upstream.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The text of a claim or attribute value, or null when it has no header form (an object, a nested list). */
    static String text(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder();
            for (Object item : list) {
                if (!scalar(item)) {
                    return null;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(item);
            }
            return sb.toString();
        }
        return scalar(v) ? v.toString() : null;
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** {@code text} as it goes on the wire, or why it cannot. */
    static Rendered checked(String text, int maxBytes) {
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
}
