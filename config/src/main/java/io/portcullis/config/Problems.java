package io.portcullis.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects every problem found while binding a file, so one load reports them all. Each message
 * starts with the field path ({@code routes[0].match.path_prefix}) so it reads without the YAML.
 */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();
    private List<String> fileOrder = List.of();
    /** Keys each binder asked for, by normalised path; null unless {@link #recordingKeys()}. */
    private Map<String, Set<String>> keysAsked;

    /** Places whose problem is already said: nothing else found there is reported. */
    private final Set<Position> settled = new HashSet<>();

    void add(Position position, String path, String message) {
        add(new ConfigProblem(position, path.isEmpty() ? message : path + ": " + message));
    }

    void add(ConfigProblem problem) {
        if (!settled.contains(problem.position())) {
            list.add(problem);
        }
    }

    /**
     * Adds the one problem of a place: what binding finds there later (an unresolved {@code ${VAR}}
     * is not a valid URL either) would only repeat it.
     */
    void addSettling(ConfigProblem problem) {
        list.add(problem);
        settled.add(problem.position());
    }

    /** The files of the config in load order (main file first), so problems are listed file by file. */
    void orderFiles(List<String> files) {
        fileOrder = List.copyOf(files);
    }

    /**
     * Problems that also record which keys each map's binder knows, by path ({@code routes[].match},
     * {@code policies.*}): the schema test compares them with docs/portcullis.schema.json, so the
     * schema cannot drift from the binders.
     */
    static Problems recordingKeys() {
        Problems p = new Problems();
        p.keysAsked = new TreeMap<>();
        return p;
    }

    void asked(String path, Set<String> keys) {
        if (keysAsked != null) {
            keysAsked.computeIfAbsent(path.replaceAll("\\[\\d+]", "[]"), k -> new TreeSet<>()).addAll(keys);
        }
    }

    Map<String, Set<String>> keysAsked() {
        return keysAsked == null ? Map.of() : keysAsked;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * Throws every problem, file by file and in file order, so an operator can work down each file,
     * with what bound despite them (may be null) for the checks that run after loading.
     */
    void throwIfAny(PartialConfig partial) throws ConfigException {
        if (!list.isEmpty()) {
            throw new ConfigException(list, fileOrder, partial);
        }
    }
}
