package io.portcullis.proxy.server.tls;

/**
 * The listener's certificate, key or client CA cannot be used (bad PEM, key not matching the
 * certificate). The proxy must not start; the message names the problem, never key material.
 */
public final class UnusableTlsException extends IllegalStateException {

    public UnusableTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
