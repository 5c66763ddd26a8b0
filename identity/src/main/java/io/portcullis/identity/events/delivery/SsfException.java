package io.portcullis.identity.events.delivery;

/**
 * A call to a transmitter failed. {@link #code()} is short and stable ({@code http-503}, {@code timeout},
 * {@code metadata-issuer-mismatch}) for logs and metrics; no stack trace is kept, and no response body.
 */
public final class SsfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public SsfException(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The code of any failure a call to a transmitter ended with. */
    static String codeOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SsfException ssf) {
            return ssf.code();
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof io.portcullis.identity.jwks.FetchException fetch) {
            return fetch.code();
        }
        return cause instanceof java.io.IOException ? "io-error" : "error";
    }
}
