package io.portcullis.proxy.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.portcullis.proxy.observe.DecisionLog;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The log level of a logger, read and changed at run time through {@code /loglevel} on the admin
 * listener. The decision logger is not for changing: its lines are the audit trail, and a level
 * switched off would silently drop them.
 */
final class LogLevels {

    private static final Pattern NAME = Pattern.compile("ROOT|[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "INHERIT");
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogLevels.class);

    private LogLevels() {
    }

    /** A request the endpoint refuses, with the reason for the 400 answer. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** {@code logger: LEVEL (effective LEVEL)}. */
    static String describe(String loggerName) {
        Logger logger = logger(loggerName);
        return logger.getName() + ": " + (logger.getLevel() == null ? "inherited" : logger.getLevel().toString())
                + " (effective " + logger.getEffectiveLevel() + ")\n";
    }

    /** Sets the level ({@code INHERIT} clears it) and says what it is now. */
    static String set(String loggerName, String level) {
        Logger logger = logger(loggerName);
        if (logger.getName().startsWith(DecisionLog.LOGGER_NAME)) {
            throw new Refused("the decision log's level cannot be changed: its lines are the audit trail");
        }
        String upper = level == null ? "" : level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new Refused("level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, INHERIT");
        }
        if (upper.equals("INHERIT") && logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
            throw new Refused("the root logger has nothing to inherit from");
        }
        logger.setLevel(upper.equals("INHERIT") ? null : Level.toLevel(upper));
        LOG.warn("log level of {} set to {} through the admin listener", logger.getName(), upper);
        return describe(loggerName);
    }

    private static Logger logger(String name) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw new Refused("logger must be a logger name such as io.portcullis or ROOT");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new Refused("logging is not logback here: levels cannot be changed");
        }
        return context.getLogger(name);
    }
}
