package io.portcullis.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and git commit this build was made from, read from {@code build.properties}, which
 * Maven filters at build time. A build from a tree without {@code .git} (a source tarball) has no
 * commit: it is {@code unknown} rather than a made-up value.
 *
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit  the abbreviated commit id, or {@code unknown}
 */
public record BuildInfo(String version, String commit) {

    /** What a value is when the build could not tell. */
    public static final String UNKNOWN = "unknown";

    private static final BuildInfo CURRENT = load();

    /** The build this code is running from. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** One line for {@code --version} and the start-up log: {@code portcullis 0.1.0 (commit abc123)}. */
    public String describe() {
        return "portcullis " + version + " (commit " + commit + ")";
    }

    static BuildInfo from(Properties p) {
        return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("commit")));
    }

    /** A missing, empty or unfiltered ({@code ${...}}) value is unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.trim();
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties from the jar", e);
        }
        return from(p);
    }
}
