package io.portcullis.proxy.cli;

import java.util.Locale;

/**
 * {@code --log-format text|json}: which logback configuration the process starts with. Logging is
 * configured the first time a logger is asked for, before picocli has parsed anything, so
 * {@link #select} reads the option from the raw arguments first; picocli declares it too (on
 * {@link Main}) so that it is accepted, documented and checked.
 */
enum LogFormat {
    text, json;

    /** The logback configuration (a resource in the jar) that writes operational logs as JSON. */
    static final String JSON_CONFIG = "logback-json.xml";
    private static final String LOGBACK_CONFIG = "logback.configurationFile";

    /** Sets logback's configuration for {@code --log-format json}, unless one was given explicitly. */
    static void select(String... args) {
        if (format(args) == json && System.getProperty(LOGBACK_CONFIG) == null) {
            System.setProperty(LOGBACK_CONFIG, JSON_CONFIG);
        }
    }

    /** The format the arguments ask for ({@code --log-format json} or {@code --log-format=json}); text otherwise. */
    static LogFormat format(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--log-format=")) {
                value = args[i].substring("--log-format=".length());
            }
            if (value != null && value.toLowerCase(Locale.ROOT).equals("json")) {
                return json;
            }
        }
        return text;
    }
}
