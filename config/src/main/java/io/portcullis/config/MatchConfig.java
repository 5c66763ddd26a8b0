package io.portcullis.config;

import com.google.re2j.Pattern;
import java.util.Set;

/**
 * What a route matches. Every field that is set must match; unset fields match anything.
 * Paths are matched against the canonical path only.
 *
 * @param host       exact host, or {@code *.suffix} for any one label under suffix (case-insensitive,
 *                   port ignored; see {@link HostPattern}), or null
 * @param path       exact path, or null
 * @param pathPrefix whole-segment prefix ({@code /a} matches {@code /a} and {@code /a/b}, not {@code /ab})
 * @param pathRegex  RE2 regex that must match the whole path (linear time, see
 *                   {@link io.portcullis.config.regex.LinearRegex}), compiled once at load time
 * @param methods    allowed methods (upper case); empty = any
 */
public record MatchConfig(String host, String path, String pathPrefix, Pattern pathRegex, Set<String> methods) {

    public MatchConfig {
        methods = Set.copyOf(methods);
    }

    /** The host as a pattern, or null when the route matches any host. Build it once, at load. */
    public HostPattern hostPattern() {
        return host == null ? null : new HostPattern(host);
    }
}
