package io.portcullis.config.yaml;

import io.portcullis.config.Position;

/**
 * A scalar as written. {@code value} is null for YAML null ({@code ~}, {@code null} or empty);
 * {@code quoted} tells whether the author quoted it, so {@code "true"} is not read as a boolean.
 */
public record ScalarNode(String value, boolean quoted, Position position) implements Node {

    public boolean isNull() {
        return value == null;
    }

    @Override
    public String kind() {
        return "a scalar";
    }
}
