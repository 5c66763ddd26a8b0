package io.portcullis.proxy.edge;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.RouteConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes client-sent copies of the headers the proxy itself asserts upstream (identity headers and
 * {@code request_headers.set} names of every route, the device-posture header, internal names), so a client cannot claim to be someone by
 * sending {@code X-Forwarded-User: admin}.
 *
 * <p>A name matches case-insensitively and with {@code _} and {@code -} taken as the same character:
 * many upstreams (CGI, PHP, nginx with underscores_in_headers, WSGI) turn {@code x_forwarded_user}
 * into the same variable as {@code X-Forwarded-User}. Trailers are scrubbed too, because some
 * upstreams merge them into the headers.
 *
 * <p>The lookup table is built once per configuration; checking a header allocates nothing.
 */
public final class IdentityHeaderScrubber {

    private final String[] table;
    private final int mask;
    private final int maxLength;

    /** A scrubber for exactly these names (any spelling; null and empty names are ignored). */
    public IdentityHeaderScrubber(Collection<String> headerNames) {
        Set<String> normalized = new LinkedHashSet<>();
        int longest = 0;
        for (String name : headerNames) {
            if (name != null && !name.isEmpty()) {
                normalized.add(normalize(name));
                longest = Math.max(longest, name.length());
            }
        }
        int size = Integer.highestOneBit(Math.max(2, normalized.size() * 4) - 1) << 1;
        this.table = new String[size];
        this.mask = size - 1;
        this.maxLength = longest;
        for (String name : normalized) {
            int slot = hash(name) & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = name;
        }
    }

    /**
     * The scrubber for a configuration: the identity headers of all routes, the device-posture header,
     * and {@code internalNames} (headers only the proxy may set, e.g. a request id or forwarded-for).
     */
    public static IdentityHeaderScrubber forConfig(PortcullisConfig config, Collection<String> internalNames) {
        List<String> names = new ArrayList<>(internalNames);
        for (RouteConfig route : config.routes()) {
            for (Map.Entry<String, String> header : route.forwarding().identityHeaders().entrySet()) {
                names.add(header.getKey());
            }
            // What a header rule sets is the proxy's word too, even when its value is absent this time.
            names.addAll(route.forwarding().requestHeaders().set().keySet());
        }
        if (config.identity().devicePosture() != null) {
            names.add(config.identity().devicePosture().header());
        }
        return new IdentityHeaderScrubber(names);
    }

    /** True when {@code name} is one of the scrubbed names in some spelling. */
    public boolean matches(CharSequence name) {
        int length = name.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        int slot = hash(name) & mask;
        for (String candidate = table[slot]; candidate != null; candidate = table[slot]) {
            if (sameName(candidate, name)) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    /** Scrubs the request's headers; returns how many fields were removed. */
    public int scrubHeaders(HttpRequest request) {
        return scrub(request.headers());
    }

    /** Scrubs the trailer section; returns how many fields were removed. */
    public int scrubTrailers(LastHttpContent last) {
        return scrub(last.trailingHeaders());
    }

    /** Scrubs {@code headers} in place; returns how many fields were removed. */
    public int scrub(HttpHeaders headers) {
        if (headers.isEmpty()) {
            return 0;
        }
        List<CharSequence> spellings = null;
        var fields = headers.iteratorCharSequence();
        while (fields.hasNext()) {
            CharSequence name = fields.next().getKey();
            if (matches(name)) {
                if (spellings == null) {
                    spellings = new ArrayList<>(2);
                }
                spellings.add(name);
            }
        }
        if (spellings == null) {
            return 0;
        }
        int before = headers.size();
        for (CharSequence spelling : spellings) {
            headers.remove(spelling);
        }
        return before - headers.size();
    }

    private static String normalize(String name) {
        char[] chars = new char[name.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = fold(name.charAt(i));
        }
        return new String(chars);
    }

    private static char fold(char c) {
        if (c == '_') {
            return '-';
        }
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int hash(CharSequence name) {
        int h = 0;
        for (int i = 0, n = name.length(); i < n; i++) {
            h = 31 * h + fold(name.charAt(i));
        }
        // spread the bits so that the low ones used by the mask depend on the whole name
        return h ^ (h >>> 16);
    }

    private static boolean sameName(String normalized, CharSequence name) {
        int n = normalized.length();
        if (n != name.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (normalized.charAt(i) != fold(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
