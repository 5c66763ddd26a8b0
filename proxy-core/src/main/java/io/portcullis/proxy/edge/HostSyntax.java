package io.portcullis.proxy.edge;

/**
 * Whether a {@code Host} value (or an absolute-form authority) is {@code host[:port]} with host a
 * DNS-style name, an IPv4 address or a bracketed IPv6 address.
 *
 * <p>Stricter than RFC 3986's reg-name on purpose: percent-escapes, sub-delimiters and userinfo are
 * refused, because routing keys on the host and a name two parsers read differently is a way around it.
 */
final class HostSyntax {

    private static final int MAX_NAME_LENGTH = 253;

    private HostSyntax() {
    }

    static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        int hostEnd;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 0 || !isIpv6(value, 1, close)) {
                return false;
            }
            hostEnd = close + 1;
        } else {
            hostEnd = value.indexOf(':');
            if (hostEnd < 0) {
                hostEnd = value.length();
            }
            if (!isName(value, 0, hostEnd)) {
                return false;
            }
        }
        return hostEnd == value.length() || value.charAt(hostEnd) == ':' && isPort(value, hostEnd + 1);
    }

    /** Letters, digits, '-', '_' and '.'; this also covers dotted IPv4. */
    private static boolean isName(String s, int from, int to) {
        if (to == from || to - from > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String s, int from) {
        int n = s.length() - from;
        if (n < 1 || n > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65_535;
    }

    /**
     * RFC 4291 text form without a zone: up to eight groups of 1-4 hex digits, at most one {@code ::},
     * and optionally a dotted IPv4 address in place of the last two groups.
     */
    static boolean isIpv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            compressed = true;
            i += 2;
            if (i == to) {
                return true;
            }
        }
        while (i < to) {
            int groupStart = i;
            while (i < to && isHex(s.charAt(i))) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 must be the last piece and counts as two groups
                return isIpv4(s, groupStart, to) && (compressed ? groups + 2 <= 7 : groups + 2 == 8);
            }
            int digits = i - groupStart;
            if (digits < 1 || digits > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            if (i == start || value > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }
}
