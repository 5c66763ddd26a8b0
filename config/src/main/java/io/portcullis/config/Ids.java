package io.portcullis.config;

import java.util.regex.Pattern;

/** Shapes of the names a config gives to issuers and routes; they show up in logs and metrics. */
final class Ids {

    private static final Pattern ISSUER = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private Ids() {
    }

    static ValueReader<String> issuerId() {
        return Values.parsed(s -> matching(s, ISSUER, "[a-z0-9][a-z0-9_-]*"));
    }

    static ValueReader<String> routeId() {
        return Values.parsed(s -> matching(s, ROUTE, "[A-Za-z0-9][A-Za-z0-9_.-]*"));
    }

    private static String matching(String s, Pattern p, String shape) {
        if (!p.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid id '" + s + "' (must match " + shape + ")");
        }
        return s;
    }
}
