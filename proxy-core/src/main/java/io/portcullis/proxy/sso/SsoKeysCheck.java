package io.portcullis.proxy.sso;

import io.portcullis.config.ConfigException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.assertion.AssertionSigner;
import io.portcullis.identity.oidc.SessionKeys;
import java.time.Clock;

/**
 * Loads the session and assertion keys a config names, so {@code check} and a reload refuse a key file
 * that exists but holds no usable key, instead of failing only when the proxy starts.
 */
public final class SsoKeysCheck {

    private SsoKeysCheck() {
    }

    public static void check(PortcullisConfig config) throws ConfigException {
        if (config.sso() != null) {
            try {
                SessionKeys.read(config.sso().sessionKeyFiles());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(config.sso().position(), "sso.session_keys_file: " + e.getMessage());
            }
        }
        if (config.assertion() != null) {
            try {
                AssertionSigner.load(config.assertion(), Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(config.assertion().position(), "assertion.key_file: " + e.getMessage());
            }
        }
    }
}
