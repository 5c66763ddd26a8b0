package io.portcullis.proxy.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.ContentLengthNotAllowedException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.TransferEncodingNotAllowedException;
import org.junit.jupiter.api.Test;

class DecoderFailuresTest {

    private static void assertMapped(int status, String reason, Throwable cause) {
        Rejection rejection = DecoderFailures.rejectionFor(cause);
        assertEquals(new Rejection(HttpResponseStatus.valueOf(status), reason, true), rejection);
        assertFalse(rejection.reason().contains("Exception"), "no exception text reaches the client");
    }

    @Test
    void mapsEachKnownFailure() {
        assertMapped(414, "request-line-too-long", new TooLongHttpLineException("line"));
        assertMapped(431, "headers-too-large", new TooLongHttpHeaderException("headers"));
        assertMapped(400, "bare-lf", new InvalidLineSeparatorException());
        assertMapped(400, "framing-cl-with-te", new ContentLengthNotAllowedException("both"));
        assertMapped(400, "framing-te-http10", new TransferEncodingNotAllowedException("1.0"));
        assertMapped(400, "header-obs-fold", new EdgeFramingException("header-obs-fold"));
    }

    @Test
    void anythingElseIsAMalformedRequest() {
        assertMapped(400, "request-malformed", new IllegalArgumentException("Multiple Content-Length values found"));
        assertMapped(400, "request-malformed", new PrematureChannelClosureException("closed"));
        assertMapped(400, "request-malformed", new NumberFormatException("For input string: \"token\""));
    }
}
