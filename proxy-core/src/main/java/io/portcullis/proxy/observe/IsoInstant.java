package io.portcullis.proxy.observe;

import java.time.Instant;

/**
 * Writes an instant exactly as {@link Instant#toString()} does (ISO-8601, UTC, the fraction in groups of
 * three digits as needed), reusing the text up to the second while the second lasts: every decision
 * line starts with its time, and the JDK's formatter was a sixth of building one.
 */
final class IsoInstant {

    /** The date and time of one second, without fraction or zone: {@code 2026-11-26T19:05:12}. */
    private record Second(long epochSecond, String text) {
    }

    /** Last second formatted; threads may race to replace it, each with a correct one. */
    private static volatile Second last = new Second(0, "1970-01-01T00:00:00");

    private IsoInstant() {
    }

    static StringBuilder append(StringBuilder sb, Instant time) {
        long epochSecond = time.getEpochSecond();
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            last = second;
        }
        sb.append(second.text());
        int nanos = time.getNano();
        if (nanos != 0) {
            sb.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(sb, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(sb, nanos / 1_000, 6);
            } else {
                digits(sb, nanos, 9);
            }
        }
        return sb.append('Z');
    }

    /** {@code value} zero-padded to {@code width} digits. */
    private static void digits(StringBuilder sb, int value, int width) {
        for (int scale = pow10(width - 1); scale > 0; scale /= 10) {
            sb.append((char) ('0' + value / scale % 10));
        }
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
