package io.portcullis.proxy.edge;

import io.netty.handler.codec.DecoderException;

/**
 * A framing fault the edge found in the raw bytes before Netty parsed them; carried as the cause of a
 * failed {@link io.netty.handler.codec.DecoderResult} like Netty's own decoding faults.
 */
final class EdgeFramingException extends DecoderException {

    private final String reason;

    EdgeFramingException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** The reason code from {@link EdgeReasons}. */
    String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // raised per hostile request; the stack says nothing the reason does not
        return this;
    }
}
