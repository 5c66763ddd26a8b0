package io.portcullis.policy.values;

/**
 * Dotted numeric versions ({@code 14.2}, {@code 10.0.19045}): compared part by part as numbers, a
 * missing part counting as 0, so {@code 14.2 == 14.2.0 < 14.10}. Comparing scans the fact in place
 * instead of splitting it, so a request pays no allocation.
 */
public final class Version {

    private static final int MAX_PARTS = 8;
    private static final int MAX_DIGITS = 9;

    private final int[] parts;

    private Version(int[] parts) {
        this.parts = parts;
    }

    /** The version in {@code text}, or null when it is not digits separated by single dots. */
    public static Version parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] pieces = text.split("\\.", -1);
        if (pieces.length > MAX_PARTS) {
            return null;
        }
        int[] parts = new int[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (p.isEmpty() || p.length() > MAX_DIGITS || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            parts[i] = Integer.parseInt(p);
        }
        return new Version(parts);
    }

    /** Sign of {@code fact - this}, or {@link Numeric#INCOMPARABLE} when the fact is no version. */
    public int compareFact(String fact) {
        int pos = 0;
        int index = 0;
        int len = fact.length();
        if (len == 0) {
            return Numeric.INCOMPARABLE;
        }
        int result = 0;
        while (pos <= len) {
            int start = pos;
            int value = 0;
            while (pos < len && fact.charAt(pos) != '.') {
                char c = fact.charAt(pos);
                if (c < '0' || c > '9' || pos - start >= MAX_DIGITS) {
                    return Numeric.INCOMPARABLE;
                }
                value = value * 10 + (c - '0');
                pos++;
            }
            if (pos == start || index >= MAX_PARTS) {
                return Numeric.INCOMPARABLE;
            }
            int mine = index < parts.length ? parts[index] : 0;
            if (result == 0 && value != mine) {
                result = value < mine ? -1 : 1;
            }
            index++;
            pos++; // skip the dot, or step past the end
        }
        for (int i = index; i < parts.length && result == 0; i++) {
            if (parts[i] != 0) {
                result = -1;
            }
        }
        return result;
    }
}
