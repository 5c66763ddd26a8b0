package io.portcullis.identity.jwks;

/**
 * A key or discovery fetch failed. {@link #code()} is a short stable reason for events and logs; no
 * stack trace is captured because the code says all a caller can act on.
 */
public final class FetchException extends Exception {

    private final String code;

    public FetchException(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
