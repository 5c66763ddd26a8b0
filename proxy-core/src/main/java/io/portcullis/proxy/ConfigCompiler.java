package io.portcullis.proxy;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.PolicyCompiler;
import io.portcullis.policy.PolicySet;
import io.portcullis.proxy.sso.SsoKeysCheck;
import java.nio.file.Path;

/**
 * Loads and fully compiles a config file without starting anything: what {@code check} runs, and
 * the first half of every (re)load. Either everything is valid or nothing is used.
 */
public final class ConfigCompiler {

    /** A config with its compiled policies. */
    public record Compiled(PortcullisConfig config, PolicySet policies) {
    }

    private ConfigCompiler() {
    }

    public static Compiled compile(Path file) throws ConfigException {
        PortcullisConfig config = ConfigLoader.load(file);
        return compile(config);
    }

    public static Compiled compile(PortcullisConfig config) throws ConfigException {
        PolicySet policies = PolicyCompiler.compile(config);
        SsoKeysCheck.check(config);
        return new Compiled(config, policies);
    }
}
