package io.portcullis.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Thrown when a config cannot be used. It carries every problem found, not just the first, so an
 * operator fixes a file in one round; when the loader found problems, also what did bind
 * ({@link #partial()}) so later checks can add theirs ({@link #withMore}).
 */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;
    private final List<String> fileOrder;
    private final transient PartialConfig partial;

    public ConfigException(List<ConfigProblem> problems) {
        this(problems, List.of(), null);
    }

    public ConfigException(Position position, String message) {
        this(List.of(new ConfigProblem(position, message)));
    }

    /**
     * @param fileOrder the config's files, main file first, by the names problems use; problems are
     *                  listed file by file in this order, then by line and column
     * @param partial   what bound despite the problems, or null
     */
    ConfigException(List<ConfigProblem> problems, List<String> fileOrder, PartialConfig partial) {
        this(sorted(problems, fileOrder), fileOrder, partial, true);
    }

    private ConfigException(List<ConfigProblem> sorted, List<String> fileOrder, PartialConfig partial, boolean unused) {
        super(sorted.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
        this.problems = sorted;
        this.fileOrder = List.copyOf(fileOrder);
        this.partial = partial;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** What bound of the config despite its problems; empty when too little did. */
    public Optional<PartialConfig> partial() {
        return Optional.ofNullable(partial);
    }

    /** These problems and {@code more} (each once), in file order. */
    public ConfigException withMore(List<ConfigProblem> more) {
        List<ConfigProblem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new ConfigException(all, fileOrder, partial);
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems, List<String> fileOrder) {
        List<ConfigProblem> out = new ArrayList<>(new LinkedHashSet<>(problems));
        if (!fileOrder.isEmpty()) {
            out.sort(Comparator.comparingInt((ConfigProblem p) -> fileOrder.indexOf(p.position().file()))
                    .thenComparingInt(p -> p.position().line())
                    .thenComparingInt(p -> p.position().column()));
        }
        return List.copyOf(out);
    }
}
