package io.portcullis.proxy.sso;

import io.portcullis.config.AssertionConfig;
import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.config.SsoConfig;
import io.portcullis.identity.assertion.AssertionSigner;
import io.portcullis.identity.oidc.SessionKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the session and assertion keys a config names, so {@code check} and a reload refuse a key file
 * that exists but holds no usable key, instead of failing only when the proxy starts.
 */
public final class SsoKeysCheck {

    private SsoKeysCheck() {
    }

    public static void check(PortcullisConfig config) throws ConfigException {
        List<ConfigProblem> problems = problems(config.sso(), config.assertion());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Every problem of the key files of {@code sso} and {@code assertion}, either of which may be null. */
    public static List<ConfigProblem> problems(SsoConfig sso, AssertionConfig assertion) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (sso != null) {
            try {
                SessionKeys.read(sso.sessionKeyFiles());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(sso.position(), "sso.session_keys_file: " + e.getMessage()));
            }
        }
        if (assertion != null) {
            try {
                AssertionSigner.load(assertion, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(assertion.position(), "assertion.key_file: " + e.getMessage()));
            }
        }
        return problems;
    }
}
