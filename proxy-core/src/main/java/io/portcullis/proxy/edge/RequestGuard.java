package io.portcullis.proxy.edge;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.portcullis.config.LimitsConfig;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a decoded request head for what makes the proxy and the upstream disagree about where a
 * request ends or whom it is for: ambiguous framing (Content-Length with Transfer-Encoding, several or
 * odd lengths, codings other than a lone {@code chunked}), missing, repeated or malformed Host, an
 * absolute-form authority that is not the Host, repeated Authorization, too many headers, and bytes no
 * header may hold.
 *
 * <p>Netty's decoder already refuses much of this; the guard does not rely on it, so a request built
 * some other way (or a future decoder setting) is held to the same rules.
 */
public final class RequestGuard {

    private final int maxHeaders;
    private final int maxUriLength;

    public RequestGuard(LimitsConfig limits) {
        this.maxHeaders = limits.maxHeaders();
        this.maxUriLength = limits.maxUriLength();
    }

    /**
     * Returns why {@code request} must be refused, or null when its head is acceptable.
     *
     * @param absoluteFormAuthority the authority of an absolute-form request-target (see
     *                              {@link CanonicalPath.Canonical#absoluteFormAuthority()}), else null
     */
    public Rejection check(HttpRequest request, String absoluteFormAuthority) {
        HttpVersion version = request.protocolVersion();
        boolean http11 = version.majorVersion() == 1 && version.minorVersion() == 1;
        boolean http10 = version.majorVersion() == 1 && version.minorVersion() == 0;
        if (!"HTTP".equals(version.protocolName()) || !(http10 || http11)) {
            return new Rejection(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, EdgeReasons.VERSION_UNSUPPORTED, true);
        }
        if (request.uri().length() > maxUriLength) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, EdgeReasons.URI_TOO_LONG, true);
        }
        HeadSummary head = new HeadSummary();
        Rejection bytes = head.read(request.headers().iteratorCharSequence(), maxHeaders);
        if (bytes != null) {
            return bytes;
        }
        Rejection framing = checkFraming(head, http10);
        if (framing != null) {
            return framing;
        }
        Rejection host = checkHost(head, http11, absoluteFormAuthority);
        if (host != null) {
            return host;
        }
        if (head.authorizationCount > 1) {
            return Rejection.badRequest(EdgeReasons.AUTHORIZATION_DUPLICATE, false);
        }
        return null;
    }

    private static Rejection checkFraming(HeadSummary head, boolean http10) {
        if (head.contentLengthCount > 0 && head.transferEncodingCount > 0) {
            return Rejection.badRequest(EdgeReasons.CL_WITH_TE, true);
        }
        if (head.contentLengthCount > 1 || (head.contentLengthCount == 1 && contains(head.contentLength, ','))) {
            return Rejection.badRequest(EdgeReasons.CL_DUPLICATE, true);
        }
        if (head.contentLengthCount == 1 && !isDecimalLength(head.contentLength)) {
            return Rejection.badRequest(EdgeReasons.CL_INVALID, true);
        }
        if (head.transferEncodingCount == 0) {
            return null;
        }
        if (http10) {
            return Rejection.badRequest(EdgeReasons.TE_IN_HTTP10, true);
        }
        if (head.transferEncodingCount > 1 || contains(head.transferEncoding, ',')) {
            return Rejection.badRequest(EdgeReasons.TE_INVALID, true);
        }
        if (!HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(head.transferEncoding)) {
            return new Rejection(HttpResponseStatus.NOT_IMPLEMENTED, EdgeReasons.TE_UNSUPPORTED, true);
        }
        return null;
    }

    private static Rejection checkHost(HeadSummary head, boolean http11, String absoluteFormAuthority) {
        if (head.hostCount > 1) {
            return Rejection.badRequest(EdgeReasons.HOST_DUPLICATE, false);
        }
        if (head.hostCount == 0 && http11) {
            return Rejection.badRequest(EdgeReasons.HOST_MISSING, false);
        }
        String host = head.host == null ? null : head.host.toString();
        if (host != null && !HostSyntax.isValid(host)) {
            return Rejection.badRequest(EdgeReasons.HOST_INVALID, false);
        }
        if (absoluteFormAuthority != null) {
            if (!HostSyntax.isValid(absoluteFormAuthority)) {
                return Rejection.badRequest(EdgeReasons.HOST_INVALID, false);
            }
            if (host != null && !host.equalsIgnoreCase(absoluteFormAuthority)) {
                return Rejection.badRequest(EdgeReasons.HOST_MISMATCH, false);
            }
        }
        return null;
    }

    /** 1 to 18 ASCII digits: no sign, no spaces, and never more than a long holds. */
    private static boolean isDecimalLength(CharSequence value) {
        int n = value.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(CharSequence s, char c) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /** One pass over the headers: counts what must not repeat and refuses bad bytes on the way. */
    private static final class HeadSummary {
        int hostCount;
        CharSequence host;
        int contentLengthCount;
        CharSequence contentLength;
        int transferEncodingCount;
        CharSequence transferEncoding;
        int authorizationCount;

        Rejection read(Iterator<Map.Entry<CharSequence, CharSequence>> headers, int maxHeaders) {
            int count = 0;
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                if (++count > maxHeaders) {
                    return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            EdgeReasons.HEADERS_TOO_MANY, true);
                }
                CharSequence name = header.getKey();
                CharSequence value = header.getValue();
                if (!HeaderBytes.isToken(name)) {
                    return Rejection.badRequest(EdgeReasons.HEADER_INVALID_NAME, true);
                }
                if (!HeaderBytes.isFieldValue(value)) {
                    return Rejection.badRequest(EdgeReasons.HEADER_INVALID_VALUE, true);
                }
                note(name, value);
            }
            return null;
        }

        private void note(CharSequence name, CharSequence value) {
            if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) {
                hostCount++;
                host = value;
            } else if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                contentLengthCount++;
                contentLength = value;
            } else if (HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(name)) {
                transferEncodingCount++;
                transferEncoding = value;
            } else if (HttpHeaderNames.AUTHORIZATION.contentEqualsIgnoreCase(name)) {
                authorizationCount++;
            }
        }
    }
}
