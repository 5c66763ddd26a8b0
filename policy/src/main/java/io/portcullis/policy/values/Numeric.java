package io.portcullis.policy.values;

import java.util.regex.Pattern;

/**
 * A number written in a policy, kept both as a long (when integral) and a double so that comparing
 * it with a JSON number allocates nothing and integral values keep full precision.
 */
public final class Numeric {

    /** What {@link #compareFact} returns when there is no order (NaN). */
    public static final int INCOMPARABLE = Integer.MIN_VALUE;

    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final boolean integral;
    private final long longValue;
    private final double doubleValue;

    private Numeric(boolean integral, long longValue, double doubleValue) {
        this.integral = integral;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
    }

    /** The number in {@code text}, or null when it is not a plain decimal number. */
    public static Numeric parse(String text) {
        if (text == null || !NUMBER.matcher(text).matches()) {
            return null;
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            return null;
        }
        try {
            return new Numeric(true, Long.parseLong(text.startsWith("+") ? text.substring(1) : text), d);
        } catch (NumberFormatException e) {
            return new Numeric(false, 0, d);
        }
    }

    /** Sign of {@code fact - this}, or {@link #INCOMPARABLE}. */
    public int compareFact(Number fact) {
        if (integral && (fact instanceof Long || fact instanceof Integer || fact instanceof Short
                || fact instanceof Byte)) {
            return Long.compare(fact.longValue(), longValue);
        }
        double f = fact.doubleValue();
        if (Double.isNaN(f)) {
            return INCOMPARABLE;
        }
        return Double.compare(f, doubleValue) == 0 ? 0 : (f < doubleValue ? -1 : 1);
    }
}
