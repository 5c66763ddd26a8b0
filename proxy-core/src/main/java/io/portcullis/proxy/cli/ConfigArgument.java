package io.portcullis.proxy.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The config file a command was given: {@code FILE} as a positional argument (where the command takes
 * one), else {@code --config FILE}, else {@code PORTCULLIS_CONFIG} (filled in as the option's default
 * by {@link ConfigPathDefault}). None of them is a usage error, exit 2, like any missing option.
 */
final class ConfigArgument {

    private ConfigArgument() {
    }

    static Path required(Path option, CommandSpec spec) {
        return required(option, null, spec);
    }

    static Path required(Path option, Path positional, CommandSpec spec) {
        if (positional != null && spec.commandLine().getParseResult().hasMatchedOption("--config")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give the config file once: as FILE or as --config FILE, not both");
        }
        Path file = positional != null ? positional : option;
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the config file: give --config FILE or set " + ConfigPathDefault.VARIABLE);
        }
        return file;
    }
}
