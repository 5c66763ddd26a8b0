package io.portcullis.proxy.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    private static String format(Instant time) {
        return IsoInstant.append(new StringBuilder(), time).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T19:05:12Z", "2026-11-26T19:05:12.100Z", "2026-11-26T19:05:12.000001Z",
        "2026-11-26T19:05:12.123456789Z", "2026-11-26T19:05:12.000000001Z", "2026-11-26T19:05:12.999999Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T23:59:59.010Z", "9999-12-31T23:59:59.5Z",
        "+10000-01-01T00:00:00Z", "-0001-06-01T12:00:00.000100Z"})
    void writesWhatInstantToStringWrites(String text) {
        Instant time = Instant.parse(text);

        assertEquals(time.toString(), format(time));
    }

    @Test
    void agreesWithInstantToStringOnRandomInstantsAndOnSecondsSeenAgain() {
        Random random = new Random(11);
        long base = Instant.parse("2026-11-26T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 50_000; i++) {
            // A few seconds reused many times (the cache), and now and then any second of four centuries.
            long second = random.nextInt(8) == 0 ? base - 6_000_000_000L + (long) (random.nextDouble() * 12_000_000_000L)
                    : base + random.nextInt(4);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(second, nanos);
            assertEquals(time.toString(), format(time));
        }
    }
}
