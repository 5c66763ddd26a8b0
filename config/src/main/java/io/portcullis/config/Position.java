package io.portcullis.config;

/**
 * Where a value came from in a config file: 1-based line and column, so every problem can be
 * reported as {@code FILE:LINE:COL: message} and an operator can jump straight to it.
 */
public record Position(String file, int line, int column) {

    /** A position for values that were not read from a file (defaults, values built in code). */
    public static Position unknown(String file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
