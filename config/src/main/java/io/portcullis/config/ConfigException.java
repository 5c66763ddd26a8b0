package io.portcullis.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a config cannot be used. It carries every problem found, not just the first, so an
 * operator fixes a file in one round.
 */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Position position, String message) {
        this(List.of(new ConfigProblem(position, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
