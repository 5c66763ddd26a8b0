package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binds the top-level {@code sso} block. Its issuer must be declared, vouch for users and have a
 * {@code client_id}; {@code external_url} is required because the redirect URI must never be built
 * from a request's Host header.
 */
final class SsoBinder {

    static final Pattern COOKIE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Duration MIN_SESSION_TTL = Duration.ofMinutes(1);

    private SsoBinder() {
    }

    static SsoConfig bind(Node node, List<IssuerConfig> issuers, DevicePostureConfig posture, Problems problems) {
        MapReader r = MapReader.of(node, "sso", problems).orElse(null);
        if (r == null) {
            return null;
        }
        String issuerId = r.required("issuer", Values.string());
        if (issuerId != null) {
            Node at = r.node("issuer").orElseThrow();
            IssuerConfig issuer = issuers.stream().filter(i -> i.id().equals(issuerId)).findFirst().orElse(null);
            if (issuer == null) {
                problems.add(at.position(), "sso.issuer", "unknown issuer '" + issuerId + "'"
                        + KeySuggester.hint(issuerId, issuers.stream().map(IssuerConfig::id).toList(), "issuers"));
            } else if (posture.issuers().contains(issuerId)) {
                problems.add(at.position(), "sso.issuer", "issuer '" + issuerId + "' vouches for devices, not users");
            } else if (issuer.client() == null) {
                problems.add(at.position(), "sso.issuer", "issuer '" + issuerId + "' needs a client_id for login");
            } else if (!issuer.discovery()) {
                problems.add(at.position(), "sso.issuer",
                        "issuer '" + issuerId + "' needs discovery: true (login needs its endpoints)");
            }
        }
        URI externalUrl = r.required("external_url", Values.parsed(SsoBinder::baseUrl));
        String cookieName = r.optional("cookie_name", Values.parsed(SsoBinder::cookieName), SsoConfig.DEFAULT_COOKIE_NAME);
        List<Path> keys = r.required("session_keys_file", FileValues.oneOrMoreFiles());
        Duration ttl = r.optional("session_ttl", Values.duration(MIN_SESSION_TTL, null), SsoConfig.DEFAULT_SESSION_TTL);
        URI postLogout = r.optional("post_logout_redirect", Values.parsed(HttpUrls::parse), null);
        boolean secure = r.optional("cookie_secure", Values.bool(), true);
        r.finish();
        if (issuerId == null || externalUrl == null || keys == null) {
            return null;
        }
        return new SsoConfig(issuerId, externalUrl, cookieName, keys, ttl, postLogout, secure, r.position());
    }

    /** An http(s) URL with no path beyond {@code /}: the reserved paths live at the root. */
    private static URI baseUrl(String text) {
        URI uri = HttpUrls.parse(text);
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new IllegalArgumentException("must have no path (the proxy answers /.portcullis/ at the root)");
        }
        return uri;
    }

    private static String cookieName(String text) {
        if (!COOKIE_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("must match [A-Za-z0-9_-]{1,64}");
        }
        return text;
    }
}
