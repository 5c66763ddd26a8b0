package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a config file into a validated {@link PortcullisConfig}. Every problem is collected and
 * reported with file, line and column; unknown keys are errors, since a typo must never silently
 * weaken a policy.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads and validates the file, which must be UTF-8. */
    public static PortcullisConfig load(Path file) throws ConfigException {
        String name = file.toString();
        byte[] bytes = read(file, name);
        String text = Utf8Text.decode(bytes, name);
        return bind(text, name, file, sha256(bytes));
    }

    /** Parses and validates text as if read from {@code fileName}; the hash is of its UTF-8 bytes. */
    public static PortcullisConfig parse(String text, String fileName) throws ConfigException {
        return bind(text, fileName, null, sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hex SHA-256 of {@code bytes}, as recorded in {@link PortcullisConfig#sha256()}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static PortcullisConfig bind(String text, String name, Path source, String sha) throws ConfigException {
        Node root = YamlNodes.parse(Utf8Text.withoutBom(text), name);
        Problems problems = new Problems();
        PortcullisConfig config = ConfigBinder.bind(root, source, sha, problems);
        problems.throwIfAny();
        return config;
    }

    private static byte[] read(Path file, String name) throws ConfigException {
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
