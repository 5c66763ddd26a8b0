package io.portcullis.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Browser single sign-on: the OIDC authorization-code flow at one issuer and the encrypted session
 * cookie that follows it.
 *
 * @param issuerId           the issuer users sign in at (it has a {@code client_id})
 * @param externalUrl        the proxy's public base URL; the redirect URI is built from it, never from
 *                           the Host header
 * @param cookieName         the session cookie's name (chunks are {@code NAME_0..NAME_n})
 * @param sessionKeyFiles    files of 256-bit session keys; the first encrypts, all decrypt
 * @param sessionTtl         how long a session lives after login, refreshes included
 * @param postLogoutRedirect where the IdP sends the browser after logout (null: the external URL)
 * @param secureCookie       whether the cookies carry {@code Secure} (only plain-http dev turns it off)
 */
public record SsoConfig(
        String issuerId,
        URI externalUrl,
        String cookieName,
        List<Path> sessionKeyFiles,
        Duration sessionTtl,
        URI postLogoutRedirect,
        boolean secureCookie,
        Position position) {

    public static final String DEFAULT_COOKIE_NAME = "_portcullis";
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

    public SsoConfig {
        sessionKeyFiles = List.copyOf(sessionKeyFiles);
    }

    /** The redirect URI registered at the issuer: {@code external_url + /.portcullis/callback}. */
    public URI callbackUri() {
        return resolve("/.portcullis/callback");
    }

    /** The back-channel logout URI to register at the issuer. */
    public URI backchannelLogoutUri() {
        return resolve("/.portcullis/backchannel-logout");
    }

    private URI resolve(String path) {
        String base = externalUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
