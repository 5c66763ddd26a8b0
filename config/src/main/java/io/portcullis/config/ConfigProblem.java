package io.portcullis.config;

/** One problem found in a config file, with the exact place it was found. */
public record ConfigProblem(Position position, String message) {

    /** The form {@code portcullis check} prints: {@code FILE:LINE:COL: message}. */
    public String format() {
        return position + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
