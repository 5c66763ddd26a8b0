package io.portcullis.identity.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparable form of an HTTP URI for the {@code htu} check (RFC 9449 §4.3): syntax- and
 * scheme-based normalization (RFC 3986 §6.2.2, §6.2.3) — scheme and host lower-cased, the default
 * port dropped, an empty path made {@code /}, escapes of unreserved characters decoded and every other
 * escape upper-cased, dot segments removed — plus the one rule Portcullis's canonical path adds:
 * repeated slashes merged. So a proof names the request exactly when it names the resource that
 * routing and policy saw, and the request URI (already canonical) goes through the same function.
 *
 * <p>Anything else is refused rather than guessed at: a query or fragment (the {@code htu} of a proof
 * has neither), user info, a scheme other than http(s), an invalid escape or {@code %00}, control
 * characters, space, backslash or non-ASCII. Escaped slashes stay escaped, never a separator.
 */
final class Htu {

    /** Longer URIs are refused before any work. */
    static final int MAX_CHARS = 4096;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Htu() {
    }

    /** The normalized form, or null when {@code uri} is not an acceptable absolute http(s) URI. */
    static String normalize(String uri) {
        if (uri == null || uri.length() > MAX_CHARS || uri.indexOf('?') >= 0 || uri.indexOf('#') >= 0) {
            return null;
        }
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return null;
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int authorityStart = schemeEnd + 3;
        int pathStart = uri.indexOf('/', authorityStart);
        if (pathStart < 0) {
            pathStart = uri.length();
        }
        String authority = authority(uri.substring(authorityStart, pathStart), scheme);
        String path = path(uri.substring(pathStart));
        return authority == null || path == null ? null : scheme + "://" + authority + path;
    }

    /** {@code host[:port]}, lower-cased, without the scheme's default port; null when malformed. */
    private static String authority(String authority, String scheme) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
            if (!validChars(host.substring(1, host.length() - 1), ":.")) {
                return null;
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon + 1);
            if (!validChars(host, ".-_~")) {
                return null;
            }
        }
        if (host.isEmpty() || host.equals("[]") || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || port.length() > 5) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port.isEmpty()) {
            return host;
        }
        int number = Integer.parseInt(port);
        if (number > 65535) {
            return null;
        }
        boolean defaultPort = number == (scheme.equals("https") ? 443 : 80);
        return defaultPort ? host : host + ':' + number;
    }

    private static boolean validChars(String text, String extra) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isAlphaNumeric(c) || extra.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** The normalized path, or null when it holds something refused. */
    private static String path(String raw) {
        StringBuilder decoded = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '\\') {
                return null;
            }
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            int value = escape(raw, i);
            if (value <= 0) {
                return null;
            }
            if (isUnreserved(value)) {
                decoded.append((char) value);
            } else {
                decoded.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
            }
            i += 2;
        }
        return withoutDotSegments(decoded.toString());
    }

    /** RFC 3986 §5.2.4 on a path whose empty segments are dropped too; never above the root. */
    private static String withoutDotSegments(String path) {
        String[] raw = path.split("/", -1);
        List<String> kept = new ArrayList<>(raw.length);
        for (String segment : raw) {
            if (segment.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        String last = raw[raw.length - 1];
        boolean trailingSlash = last.isEmpty() || last.equals(".") || last.equals("..");
        String joined = "/" + String.join("/", kept);
        return trailingSlash && !kept.isEmpty() ? joined + '/' : joined;
    }

    /** The byte of the {@code %XY} at {@code i}, or -1 when it is not a valid escape. */
    private static int escape(String text, int i) {
        if (i + 2 >= text.length()) {
            return -1;
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        boolean ascii = text.charAt(i + 1) < 0x80 && text.charAt(i + 2) < 0x80;
        return hi < 0 || lo < 0 || !ascii ? -1 : hi << 4 | lo;
    }

    private static boolean isAlphaNumeric(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isUnreserved(int c) {
        return isAlphaNumeric(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
