package io.portcullis.proxy.edge;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Reads the raw bytes of one request head (request line and header lines, up to the empty line) for
 * the line framing Netty's decoder tolerates but an upstream may read differently:
 * <ul>
 *   <li>obs-fold: a header line starting with SP or HTAB, which Netty silently joins to the previous
 *       value while other parsers treat it as a new (maybe hidden) field;</li>
 *   <li>whitespace between a field name and its colon ({@code Transfer-Encoding : chunked});</li>
 *   <li>a CR not followed by LF, and a LF not preceded by CR;</li>
 *   <li>a request line that is not three parts split by single spaces (Netty accepts tabs and runs of
 *       spaces; older versions also skipped a line of fewer than three parts and took the next line
 *       as the request line).</li>
 * </ul>
 * Empty lines before the request line are allowed, as RFC 9112 §2.2 asks. The scanner keeps its
 * state between calls, so a head may arrive in any number of pieces; it stops at the end of the
 * head, since what follows is body and only the decoder knows how long that is.
 */
final class HeadFramingScanner {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';

    private boolean inRequestLine = true;
    private boolean atLineStart = true;
    private boolean inFieldName;
    private int requestLineSpaces;
    private boolean afterSpace = true;
    private boolean afterCr;
    private boolean complete;
    private String refusal;

    /**
     * Scans {@code buf[from, to)} and returns the index after the last byte read: {@code to}, or
     * earlier when the head ended or a refusal was found.
     */
    int scan(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to && !complete && refusal == null) {
            if (inFieldValue()) {
                // Inside a field value only CR and LF mean anything: skip to the next one. Values
                // (a bearer token above all) are most of a head's bytes.
                int lineEnd = buf.forEachByte(i, to - i, ByteProcessor.FIND_CRLF);
                if (lineEnd < 0) {
                    return to;
                }
                i = lineEnd;
            }
            step(buf.getByte(i));
            i++;
        }
        return i;
    }

    /** In a header line past its colon, where {@link #step} ignores every byte but CR and LF. */
    private boolean inFieldValue() {
        return !inRequestLine && !atLineStart && !inFieldName && !afterCr;
    }

    /** The reason code of the first framing fault seen, or null. */
    String refusal() {
        return refusal;
    }

    /** True once the empty line ending the head has been read. */
    boolean headComplete() {
        return complete;
    }

    /** Ready for the next request's head. */
    void reset() {
        inRequestLine = true;
        atLineStart = true;
        inFieldName = false;
        requestLineSpaces = 0;
        afterSpace = true;
        afterCr = false;
        complete = false;
        refusal = null;
    }

    private void step(byte b) {
        if (afterCr) {
            afterCr = false;
            if (b != LF) {
                refusal = EdgeReasons.BARE_CR;
                return;
            }
            endOfLine();
            return;
        }
        if (b == CR) {
            afterCr = true;
            return;
        }
        if (b == LF) {
            refusal = EdgeReasons.BARE_LF;
            return;
        }
        if (inRequestLine) {
            atLineStart = false;
            requestLineByte(b);
            return;
        }
        if (atLineStart) {
            atLineStart = false;
            if (b == SP || b == HTAB) {
                refusal = EdgeReasons.HEADER_OBS_FOLD;
                return;
            }
            inFieldName = b != ':';
            return;
        }
        if (inFieldName) {
            if (b == ':') {
                inFieldName = false;
            } else if (b == SP || b == HTAB) {
                refusal = EdgeReasons.HEADER_SPACE_BEFORE_COLON;
            }
        }
    }

    private void requestLineByte(byte b) {
        if (b == SP) {
            if (afterSpace) {
                refusal = EdgeReasons.REQUEST_LINE_INVALID;
            }
            requestLineSpaces++;
            afterSpace = true;
        } else if (b == HTAB) {
            refusal = EdgeReasons.REQUEST_LINE_INVALID;
        } else {
            afterSpace = false;
        }
    }

    private void endOfLine() {
        if (inRequestLine) {
            // an empty line before the request line is tolerated; otherwise the request line is done
            if (!atLineStart) {
                if (requestLineSpaces != 2 || afterSpace) {
                    refusal = EdgeReasons.REQUEST_LINE_INVALID;
                    return;
                }
                inRequestLine = false;
            }
        } else if (atLineStart) {
            complete = true;
        }
        atLineStart = true;
        inFieldName = false;
    }
}
