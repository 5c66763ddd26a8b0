package io.portcullis.proxy;

import io.portcullis.config.ConfigException;
import io.portcullis.config.ConfigLoader;
import io.portcullis.config.ConfigProblem;
import io.portcullis.config.PartialConfig;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.policy.PolicyCompiler;
import io.portcullis.policy.PolicySet;
import io.portcullis.proxy.sso.SsoKeysCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * @throws ConfigException every problem of the file: when loading finds some, the policies and key
     *                         files that did bind are still compiled and read, and their problems added,
     *                         so one run lists every mistake
     */
    public static Compiled compile(Path file) throws ConfigException {
        PortcullisConfig config;
        try {
            config = ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw e.partial().map(p -> e.withMore(laterProblems(p))).orElse(e);
        }
        return compile(config);
    }

    public static Compiled compile(PortcullisConfig config) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        PolicySet policies = null;
        try {
            policies = PolicyCompiler.compile(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(SsoKeysCheck.problems(config.sso(), config.assertion()));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Compiled(config, policies);
    }

    private static List<ConfigProblem> laterProblems(PartialConfig partial) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            PolicyCompiler.compile(partial.policies(), partial.conditions(), partial.mfaAmrValues());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(SsoKeysCheck.problems(partial.sso(), partial.assertion()));
        return problems;
    }
}
