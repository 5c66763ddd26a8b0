package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Readers for values that name files or hold secrets (relative paths as {@link ConfigFiles} resolves
 * them): a file must exist and be readable when the config
 * is loaded (so a typo fails {@code portcullis check}, not the first login), and a secret is read then
 * and never echoed in a problem message.
 */
final class FileValues {

    private FileValues() {
    }

    /** One readable file, or a non-empty list of them (the first is the current one). */
    static ValueReader<List<Path>> oneOrMoreFiles() {
        return (node, path, problems) -> {
            if (node instanceof ListNode) {
                return Values.nonEmptyListOf(ConfigFiles.readable()).read(node, path, problems);
            }
            Path one = ConfigFiles.readable().read(node, path, problems);
            return one == null ? null : List.of(one);
        };
    }

    /** The trimmed content of a secret file; empty content is a problem. */
    static ClientSecret secretFromFile(Node node, String path, Problems problems) {
        Path file = ConfigFiles.readable().read(node, path, problems);
        if (file == null) {
            return null;
        }
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(node.position(), path, "cannot read file '" + file + "': " + e.getMessage());
            return null;
        }
        if (secret.isEmpty()) {
            problems.add(node.position(), path, "file '" + file + "' is empty");
            return null;
        }
        return new ClientSecret(secret, "file:" + file);
    }

    /** The value of a set, non-empty variable of {@code env}. */
    static ValueReader<ClientSecret> secretFromEnv(Map<String, String> env) {
        return (node, path, problems) -> {
            String name = Values.string().read(node, path, problems);
            if (name == null) {
                return null;
            }
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                problems.add(node.position(), path, "environment variable " + name + " is not set");
                return null;
            }
            return new ClientSecret(value.strip(), "env:" + name);
        };
    }

    /**
     * The secret under {@code <prefix>_file} or {@code <prefix>_env}: null when neither is set, and a
     * problem when both are.
     */
    static ClientSecret secretFromFileOrEnv(MapReader r, String prefix, Map<String, String> env, Problems problems) {
        String fileKey = prefix + "_file";
        String envKey = prefix + "_env";
        boolean hasFile = r.node(fileKey).isPresent();
        boolean hasEnv = r.node(envKey).isPresent();
        if (hasFile && hasEnv) {
            problems.add(r.node(envKey).orElseThrow().position(), r.path(envKey),
                    "set either " + fileKey + " or " + envKey + ", not both");
            return null;
        }
        if (hasFile) {
            return r.optional(fileKey, FileValues::secretFromFile, null);
        }
        return hasEnv ? r.optional(envKey, secretFromEnv(env), null) : null;
    }
}
