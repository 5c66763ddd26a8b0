package io.portcullis.proxy.edge;

import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.TransferEncodingNotAllowedException;

/**
 * Maps what made the decoder fail to the client's status and a reason code. Every decoder failure
 * closes: the decoder has stopped reading, so where the next request would start is unknown.
 * The exception's message never reaches the client.
 */
final class DecoderFailures {

    private DecoderFailures() {
    }

    static Rejection rejectionFor(Throwable cause) {
        if (cause instanceof EdgeFramingException framing) {
            return Rejection.badRequest(framing.reason(), true);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Rejection(HttpResponseStatus.REQUEST_URI_TOO_LONG, EdgeReasons.REQUEST_LINE_TOO_LONG, true);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, EdgeReasons.HEADERS_TOO_LARGE,
                    true);
        }
        if (cause instanceof InvalidLineSeparatorException) {
            return Rejection.badRequest(EdgeReasons.BARE_LF, true);
        }
        if (cause instanceof ContentLengthNotAllowedException) {
            return Rejection.badRequest(EdgeReasons.CL_WITH_TE, true);
        }
        if (cause instanceof TransferEncodingNotAllowedException) {
            return Rejection.badRequest(EdgeReasons.TE_IN_HTTP10, true);
        }
        return Rejection.badRequest(EdgeReasons.REQUEST_MALFORMED, true);
    }
}
