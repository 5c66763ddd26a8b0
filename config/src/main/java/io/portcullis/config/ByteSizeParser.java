package io.portcullis.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes: a plain integer, or an integer with KB, MB or GB (1024-based). */
final class ByteSizeParser {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(KB|MB|GB)?");

    private ByteSizeParser() {
    }

    static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "' (expected e.g. 4096, 16KB, 10MB or 1GB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2);
        long factor = unit == null ? 1 : switch (unit) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }
}
