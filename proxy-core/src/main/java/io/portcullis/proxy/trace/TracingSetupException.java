package io.portcullis.proxy.trace;

/** An {@code OTEL_*} variable that cannot be used, named with its value's problem; the process does not start. */
public final class TracingSetupException extends RuntimeException {

    public TracingSetupException(String message) {
        super(message);
    }
}
