package io.portcullis.proxy.edge;

/**
 * Turns a request-target into the one canonical path that routing, policy and the upstream all see.
 *
 * <p>Policy is written against paths like {@code /admin}; an attacker who can make the proxy and the
 * upstream disagree on what a path means walks around it ({@code /public/%2e%2e/admin},
 * {@code /admin;x=1}, {@code /public/..\admin}). So the edge either produces a path that every
 * reasonable upstream reads the same way, or refuses the request. The rules, in order:
 * <ol>
 *   <li>origin-form must start with {@code /}; absolute-form {@code http(s)://authority[/path]} is
 *       accepted and its authority returned so the caller can hold it against {@code Host};
 *       {@code *} gives {@link AsteriskForm} (only meaningful for {@code OPTIONS});</li>
 *   <li>refused outright: control bytes, space, DEL, raw bytes above 0x7F, {@code \}, {@code ;},
 *       {@code #}, malformed escapes, {@code %00}, and {@code %2F}/{@code %5C} unless allowed;</li>
 *   <li>escapes of unreserved characters (ALPHA DIGIT {@code - . _ ~}) are decoded, every other
 *       escape is kept, its hex digits upper-cased;</li>
 *   <li>repeated slashes are merged and dot segments removed (RFC 3986 §5.2.4), never above root.</li>
 * </ol>
 * The query is kept verbatim but may not hold control bytes, space or raw non-ASCII bytes.
 *
 * <p>One pass, no regex; when the path is already canonical nothing is copied.
 */
public final class CanonicalPath {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final AsteriskForm ASTERISK = new AsteriskForm();

    private CanonicalPath() {
    }

    /** What {@link #parse} found: a canonical target, the asterisk form, or a refusal. */
    public sealed interface Result permits Canonical, AsteriskForm, Rejected {
    }

    /**
     * An accepted request-target.
     *
     * @param path                   canonical path, always starting with {@code /}
     * @param rawQuery               the query exactly as received, without {@code ?}; null when there was none
     * @param absoluteFormAuthority  authority of an absolute-form target (to compare with Host); else null
     */
    public record Canonical(String path, String rawQuery, String absoluteFormAuthority) implements Result {

        /** The origin-form target to send upstream: {@code path[?query]}. */
        public String originForm() {
            return rawQuery == null ? path : path + '?' + rawQuery;
        }

        /** True when {@code requestTarget} already is {@link #originForm()}; allocates nothing. */
        public boolean isOriginFormOf(String requestTarget) {
            int expected = path.length() + (rawQuery == null ? 0 : 1 + rawQuery.length());
            return requestTarget.length() == expected
                    && requestTarget.startsWith(path)
                    && (rawQuery == null || (requestTarget.charAt(path.length()) == '?'
                        && requestTarget.endsWith(rawQuery)));
        }
    }

    /** The target was {@code *}: acceptable only for a server-wide {@code OPTIONS}. */
    public record AsteriskForm() implements Result {
    }

    /**
     * A refused request-target.
     *
     * @param reason one of the {@code path-*} / {@code query-*} codes in {@link EdgeReasons}
     */
    public record Rejected(String reason) implements Result {
    }

    /**
     * Canonicalizes {@code requestTarget}.
     *
     * @param allowEncodedSlash keep {@code %2F} and {@code %5C} (escaped, so never a separator) instead
     *                          of refusing them
     */
    public static Result parse(String requestTarget, boolean allowEncodedSlash) {
        if (requestTarget == null || requestTarget.isEmpty()) {
            return new Rejected(EdgeReasons.PATH_INVALID_FORM);
        }
        if (requestTarget.charAt(0) == '/') {
            return canonicalize(requestTarget, 0, null, allowEncodedSlash);
        }
        if (requestTarget.equals("*")) {
            return ASTERISK;
        }
        int authorityStart = authorityStart(requestTarget);
        if (authorityStart < 0) {
            return new Rejected(EdgeReasons.PATH_INVALID_FORM);
        }
        int authorityEnd = authorityStart;
        while (authorityEnd < requestTarget.length() && !endsAuthority(requestTarget.charAt(authorityEnd))) {
            authorityEnd++;
        }
        if (authorityEnd == authorityStart) {
            return new Rejected(EdgeReasons.PATH_INVALID_FORM);
        }
        String authority = requestTarget.substring(authorityStart, authorityEnd);
        return canonicalize(requestTarget, authorityEnd, authority, allowEncodedSlash);
    }

    /** Index just after {@code http://} or {@code https://} (scheme case-insensitive), or -1. */
    private static int authorityStart(String target) {
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        if (target.regionMatches(true, 0, "https://", 0, 8)) {
            return 8;
        }
        return -1;
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#';
    }

    /**
     * The single pass. While {@code out} is null the output so far is exactly
     * {@code t[start, start + len)} and the read index equals {@code start + len}; the first change
     * copies that prefix into a buffer, which the output can never outgrow (every rewrite shrinks or
     * keeps the length, except the {@code /} supplied for an empty absolute-form path).
     */
    private static Result canonicalize(String t, int start, String authority, boolean allowEncodedSlash) {
        final int n = t.length();
        char[] out = null;
        int len;
        int i;
        if (start < n && t.charAt(start) == '/') {
            len = 1;
            i = start + 1;
        } else {
            out = new char[n - start + 1];
            out[0] = '/';
            len = 1;
            i = start;
        }
        int segStart = len;
        while (i < n) {
            char c = t.charAt(i);
            if (c == '?' || c == '#') {
                break;
            }
            if (c == '/') {
                int kept = closeSegment(t, start, out, segStart, len);
                if (kept == len && len > segStart) {
                    // an ordinary segment: the separator is copied as is
                    if (out == null) {
                        len++;
                    } else {
                        out[len++] = '/';
                    }
                } else {
                    // an empty, "." or ".." segment: the output already ends in '/', so this one is dropped
                    if (out == null) {
                        out = copyPrefix(t, start, len);
                    }
                    len = kept;
                }
                segStart = len;
                i++;
                continue;
            }
            if (c == '%') {
                int value = escapeValue(t, i);
                if (value < 0) {
                    return new Rejected(EdgeReasons.PATH_BAD_ESCAPE);
                }
                if (value == 0) {
                    return new Rejected(EdgeReasons.PATH_INVALID_CHAR);
                }
                if ((value == '/' || value == '\\') && !allowEncodedSlash) {
                    return new Rejected(EdgeReasons.PATH_ENCODED_SLASH);
                }
                if (isUnreserved(value)) {
                    if (out == null) {
                        out = copyPrefix(t, start, len);
                    }
                    out[len++] = (char) value;
                } else {
                    char hi = HEX[value >> 4];
                    char lo = HEX[value & 0xF];
                    if (out == null && t.charAt(i + 1) == hi && t.charAt(i + 2) == lo) {
                        len += 3;
                    } else {
                        if (out == null) {
                            out = copyPrefix(t, start, len);
                        }
                        out[len++] = '%';
                        out[len++] = hi;
                        out[len++] = lo;
                    }
                }
                i += 3;
                continue;
            }
            String refusal = refusePathChar(c);
            if (refusal != null) {
                return new Rejected(refusal);
            }
            if (out == null) {
                len++;
            } else {
                out[len++] = c;
            }
            i++;
        }
        int kept = closeSegment(t, start, out, segStart, len);
        if (kept != len) {
            if (out == null) {
                out = copyPrefix(t, start, len);
            }
            len = kept;
        }

        String rawQuery = null;
        if (i < n) {
            if (t.charAt(i) == '#') {
                return new Rejected(EdgeReasons.PATH_FRAGMENT);
            }
            String refusal = refuseQuery(t, i + 1);
            if (refusal != null) {
                return new Rejected(refusal);
            }
            rawQuery = t.substring(i + 1);
        }
        String path;
        if (out != null) {
            path = new String(out, 0, len);
        } else if (start == 0 && len == n) {
            path = t;
        } else {
            path = t.substring(start, start + len);
        }
        return new Canonical(path, rawQuery, authority);
    }

    /**
     * The output length after the segment {@code [segStart, len)} ends: unchanged for an ordinary
     * segment, {@code segStart} for an empty or {@code .} segment, and the start of the previous
     * segment for {@code ..} (clamped at the root).
     */
    private static int closeSegment(String t, int start, char[] out, int segStart, int len) {
        int segLen = len - segStart;
        if (segLen == 0) {
            return segStart;
        }
        if (segLen > 2 || charAt(t, start, out, segStart) != '.') {
            return len;
        }
        if (segLen == 1) {
            return segStart;
        }
        if (charAt(t, start, out, segStart + 1) != '.') {
            return len;
        }
        if (segStart <= 1) {
            return 1;
        }
        int k = segStart - 2;
        while (charAt(t, start, out, k) != '/') {
            k--;
        }
        return k + 1;
    }

    private static char charAt(String t, int start, char[] out, int index) {
        return out == null ? t.charAt(start + index) : out[index];
    }

    private static char[] copyPrefix(String t, int start, int len) {
        char[] out = new char[t.length() - start + 1];
        t.getChars(start, start + len, out, 0);
        return out;
    }

    /** The byte a {@code %XY} escape at {@code i} stands for, or -1 when it is not a valid escape. */
    private static int escapeValue(String t, int i) {
        if (i + 2 >= t.length()) {
            return -1;
        }
        int hi = hexDigit(t.charAt(i + 1));
        int lo = hexDigit(t.charAt(i + 2));
        if (hi < 0 || lo < 0) {
            return -1;
        }
        return hi << 4 | lo;
    }

    /** ASCII hex only: Character.digit would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String refusePathChar(char c) {
        if (c <= 0x20 || c >= 0x7F) {
            return EdgeReasons.PATH_INVALID_CHAR;
        }
        if (c == '\\') {
            return EdgeReasons.PATH_BACKSLASH;
        }
        if (c == ';') {
            return EdgeReasons.PATH_PARAMETER;
        }
        return null;
    }

    private static String refuseQuery(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '#') {
                return EdgeReasons.PATH_FRAGMENT;
            }
            if (c <= 0x20 || c >= 0x7F) {
                return EdgeReasons.QUERY_INVALID_CHAR;
            }
        }
        return null;
    }
}
