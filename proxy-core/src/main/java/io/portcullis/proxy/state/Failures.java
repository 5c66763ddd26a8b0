package io.portcullis.proxy.state;

import io.lettuce.core.RedisCommandTimeoutException;
import java.net.ConnectException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says why Redis could not be used, in words an operator can act on: wrong password, TLS, refused,
 * timeout. Never includes a credential (Lettuce's messages name the host, never the password).
 */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String upper = message.toUpperCase(Locale.ROOT);
            if (upper.contains("WRONGPASS") || upper.contains("NOAUTH") || upper.contains("INVALID PASSWORD")) {
                return "authentication failed: check username and password_file/password_env";
            }
            if (upper.contains("NOPERM")) {
                return "the user lacks a permission the store needs (ACL): " + firstLine(message);
            }
            // Netty's NotSslRecordException (a plain-text server answered a TLS hello) is no SSLException.
            if (t instanceof SSLException || t.getClass().getSimpleName().startsWith("NotSsl")) {
                return "TLS handshake failed (check ca_file, client_cert_file and the server name): " + firstLine(message);
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof RedisCommandTimeoutException) {
                return "timed out";
            }
            if (upper.contains("CONNECTION RESET")) {
                return "connection reset by the server";
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
