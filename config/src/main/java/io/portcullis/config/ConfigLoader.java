package io.portcullis.config;

import java.nio.file.Path;

/**
 * Reads a config file into a validated {@link PortcullisConfig}. Every problem is collected and
 * reported with file, line and column; unknown keys are errors, since a typo must never silently
 * weaken a policy.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads and validates the file. */
    public static PortcullisConfig load(Path file) throws ConfigException {
        throw new UnsupportedOperationException("ConfigLoader.load: being written");
    }

    /** Parses and validates text as if read from {@code fileName}. */
    public static PortcullisConfig parse(String text, String fileName) throws ConfigException {
        throw new UnsupportedOperationException("ConfigLoader.parse: being written");
    }
}
