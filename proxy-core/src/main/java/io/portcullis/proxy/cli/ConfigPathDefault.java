package io.portcullis.proxy.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies {@code --config} from {@code PORTCULLIS_CONFIG} when it is not given, for every command
 * that takes one ({@code serve}, {@code check}, {@code explain}). The environment is passed in so
 * tests need not change the process's.
 */
final class ConfigPathDefault implements CommandLine.IDefaultValueProvider {

    /** The variable naming the default config file. */
    static final String VARIABLE = "PORTCULLIS_CONFIG";

    private final Map<String, String> env;

    ConfigPathDefault(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec option && option.longestName().equals("--config")) {
            String path = env.get(VARIABLE);
            return path == null || path.isBlank() ? null : path;
        }
        return null;
    }
}
