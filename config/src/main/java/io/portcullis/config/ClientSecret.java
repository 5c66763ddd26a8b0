package io.portcullis.config;

/**
 * An OAuth client secret read from a file or the environment at load time. Its {@code toString}
 * never shows the value, so a record holding it can be logged or printed in an error safely.
 *
 * @param value  the secret itself
 * @param source where it came from ({@code file:/path} or {@code env:NAME}), safe to show
 */
public record ClientSecret(String value, String source) {

    @Override
    public String toString() {
        return "ClientSecret[" + source + "]";
    }
}
