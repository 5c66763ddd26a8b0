package io.portcullis.proxy;

import io.portcullis.config.HostPort;
import java.io.IOException;

/**
 * A listener could not be opened: its address is in use, not local, or not allowed. Replaces the raw
 * Netty bind exception so {@code serve} and {@code dev} can say which listener and which address,
 * and exit non-zero without a stack trace.
 */
public final class ListenerUnavailableException extends IllegalStateException {

    /** How a listener is opened; Netty throws its bind failure undeclared, as an IOException. */
    interface Bind<T> {
        T open() throws InterruptedException;
    }

    ListenerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Opens a listener, turning a failure to bind into this exception.
     *
     * @param listener which listener, e.g. {@code data plane}
     * @param key      the config key that sets its address, e.g. {@code listen}
     */
    static <T> T open(String listener, String key, HostPort address, Bind<T> bind) throws InterruptedException {
        try {
            return bind.open();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof IOException) {
                throw new ListenerUnavailableException("cannot open the " + listener + " listener (" + key + ": "
                        + address + "): " + reason(e), e);
            }
            throw new IllegalStateException("cannot open the " + listener + " listener (" + key + ": " + address + ")", e);
        }
    }

    /**
     * The operating system's words: Netty's epoll transport says "bind(..) failed with error(-98): Address
     * already in use", NIO just "Address already in use".
     */
    private static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        int at = m.lastIndexOf(": ");
        return m.startsWith("bind(") && at >= 0 ? m.substring(at + 2) : m;
    }
}
