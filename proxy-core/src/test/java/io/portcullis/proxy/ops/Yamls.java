package io.portcullis.proxy.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment YAML files (compose, Prometheus, Grafana provisioning, Kubernetes) with
 * SnakeYAML's safe constructor, and walks the resulting maps and lists with failures that name
 * the missing key instead of a bare ClassCastException.
 */
final class Yamls {

    private Yamls() {
    }

    static Map<String, Object> loadFile(String relative) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(RepoFiles.read(relative)), relative);
    }

    /** Every document of a multi-document file, empty documents skipped. */
    static List<Map<String, Object>> loadAllFile(String relative) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(RepoFiles.read(relative))) {
            if (doc != null) {
                docs.add(map(doc, relative));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(what + ": expected a map, got " + describe(node));
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?>)) {
            throw new AssertionError(what + ": expected a list, got " + describe(node));
        }
        return (List<Object>) node;
    }

    static String string(Object node, String what) {
        if (!(node instanceof String s)) {
            throw new AssertionError(what + ": expected a string, got " + describe(node));
        }
        return s;
    }

    /** {@code at(doc, "spec", "template", "spec")}: the node at a key path, failing with the path. */
    static Object at(Object node, String... keys) {
        Object current = node;
        StringBuilder path = new StringBuilder();
        for (String key : keys) {
            path.append(path.length() == 0 ? "" : ".").append(key);
            Map<String, Object> m = map(current, path.toString());
            if (!m.containsKey(key)) {
                throw new AssertionError("missing key " + path);
            }
            current = m.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String... keys) {
        return map(at(node, keys), String.join(".", keys));
    }

    static List<Object> listAt(Object node, String... keys) {
        return list(at(node, keys), String.join(".", keys));
    }

    static String stringAt(Object node, String... keys) {
        return string(at(node, keys), String.join(".", keys));
    }

    private static String describe(Object node) {
        return node == null ? "nothing" : node.getClass().getSimpleName() + " " + node;
    }
}
