package io.portcullis.config;

/**
 * Hard limits on what a client may send. Defaults are safe for typical web apps.
 *
 * @param maxHeaderBytes        whole request header block (→ 431)
 * @param maxUriLength          request-target length (→ 414)
 * @param maxHeaders            number of header fields (→ 431)
 * @param maxBodyBytes          request body, unless a route says otherwise (→ 413)
 * @param maxRequestsPerConnection keep-alive requests on one connection before it is closed
 * @param maxIdentityHeaderBytes largest value of one identity header sent upstream
 */
public record LimitsConfig(
        int maxHeaderBytes,
        int maxUriLength,
        int maxHeaders,
        long maxBodyBytes,
        int maxRequestsPerConnection,
        int maxIdentityHeaderBytes) {

    public static LimitsConfig defaults() {
        return new LimitsConfig(16 * 1024, 8 * 1024, 100, 10L * 1024 * 1024, 10_000, 4096);
    }
}
