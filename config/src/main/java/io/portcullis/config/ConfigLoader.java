package io.portcullis.config;

import io.portcullis.config.yaml.EnvInterpolation;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a config file, and the files its {@code include:} list names, into a validated
 * {@link PortcullisConfig}. Every problem is collected and reported with file, line and column;
 * unknown keys are errors, since a typo must never silently weaken a policy.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads and validates the file and its includes, which must be UTF-8, with the process's environment. */
    public static PortcullisConfig load(Path file) throws ConfigException {
        return load(file, System.getenv());
    }

    /**
     * Loads and validates the file and its includes, taking {@code ${VAR}} references (and
     * {@code client_secret_env}) from {@code env}.
     */
    public static PortcullisConfig load(Path file, Map<String, String> env) throws ConfigException {
        String name = file.toString();
        byte[] bytes = read(file, name);
        String text = Utf8Text.decode(bytes, name);
        return bind(text, name, file, file, sha256(bytes), env);
    }

    /**
     * Parses and validates text as if read from {@code fileName}; the hash is of its UTF-8 bytes.
     * Includes are resolved relative to {@code fileName}'s directory.
     */
    public static PortcullisConfig parse(String text, String fileName) throws ConfigException {
        return parse(text, fileName, System.getenv());
    }

    /** As {@link #parse(String, String)}, with environment references taken from {@code env}. */
    public static PortcullisConfig parse(String text, String fileName, Map<String, String> env)
            throws ConfigException {
        return bind(text, fileName, null, Path.of(fileName), sha256(text.getBytes(StandardCharsets.UTF_8)), env);
    }

    /** Hex SHA-256 of {@code bytes}, as recorded in {@link PortcullisConfig#sha256()}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /**
     * The hash of a config made of several files: the file's own hash when there is one file,
     * otherwise the SHA-256 of the files' hashes, one per line, in load order.
     */
    public static String combinedSha256(List<String> fileHashes) {
        if (fileHashes.size() == 1) {
            return fileHashes.get(0);
        }
        return sha256((String.join("\n", fileHashes) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static PortcullisConfig bind(String text, String name, Path source, Path where, String sha,
            Map<String, String> env) throws ConfigException {
        Problems problems = new Problems();
        Node root = tree(Utf8Text.withoutBom(text), name, env, problems);
        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(source, name, sha, root));
        if (root instanceof MapNode map) {
            for (IncludeList.Entry e : IncludeList.resolve(map, name, where, problems)) {
                SourceFile included = readIncluded(e, env, problems);
                if (included != null) {
                    files.add(included);
                }
            }
        }
        problems.orderFiles(files.stream().map(SourceFile::name).toList());
        ConfigBinder.Bound bound = ConfigBinder.bind(files, env, problems);
        problems.throwIfAny(bound.partial());
        return bound.config();
    }

    /**
     * The parsed file with environment references resolved. A reference that cannot be resolved is
     * the only problem reported at its place: the binder's complaint about the unresolved text would
     * only repeat it.
     */
    static Node tree(String text, String name, Map<String, String> env, Problems problems) throws ConfigException {
        List<ConfigProblem> unresolved = new ArrayList<>();
        Node root = EnvInterpolation.apply(YamlNodes.parse(text, name), env, unresolved);
        unresolved.forEach(problems::addSettling);
        return root;
    }

    private static SourceFile readIncluded(IncludeList.Entry e, Map<String, String> env, Problems problems) {
        try {
            byte[] bytes = read(e.path(), e.name());
            Node root = tree(Utf8Text.withoutBom(Utf8Text.decode(bytes, e.name())), e.name(), env, problems);
            return new SourceFile(e.path(), e.name(), sha256(bytes), root);
        } catch (ConfigException ex) {
            ex.problems().forEach(problems::add);
            return null;
        }
    }

    static byte[] read(Path file, String name) throws ConfigException {
        try {
            if (Files.size(file) > YamlNodes.MAX_DOCUMENT_CHARS) {
                throw new ConfigException(new Position(name, 1, 1),
                        "file is larger than " + YamlNodes.MAX_DOCUMENT_CHARS + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new Position(name, 1, 1), "file not found");
        } catch (IOException e) {
            throw new ConfigException(new Position(name, 1, 1), "cannot read file: " + e.getMessage());
        }
    }
}
