package io.portcullis.config.yaml;

import io.portcullis.config.Position;

/**
 * A scalar as written. {@code value} is null for YAML null ({@code ~}, {@code null} or empty);
 * {@code quoted} tells whether the author quoted it, so {@code "true"} is not read as a boolean.
 * {@code written} is the text as typed when {@code value} came from the environment
 * ({@code ${VAR}}), else null: problem messages quote it instead of the value, so a secret taken
 * from the environment is never echoed into a log.
 */
public record ScalarNode(String value, boolean quoted, Position position, String written) implements Node {

    public boolean isNull() {
        return value == null;
    }

    /** True when {@code value} holds text taken from the environment. */
    public boolean fromEnvironment() {
        return written != null;
    }

    /** What a problem message may quote: the text as written, never a value from the environment. */
    public String shown() {
        return written != null ? written : value;
    }

    @Override
    public String kind() {
        return "a scalar";
    }
}
