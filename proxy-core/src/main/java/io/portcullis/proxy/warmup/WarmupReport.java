package io.portcullis.proxy.warmup;

import java.time.Duration;

/**
 * What a warm-up did.
 *
 * @param decisions synthetic decisions made (every algorithm, every pass)
 * @param forwarded of those, how many the real policies let through (depends on the policies)
 * @param requests  requests answered by the throwaway loopback listener
 * @param proxied   of those, how many came back 2xx from its throwaway upstream (the forward path ran)
 * @param compilersSettled whether the JIT compilers went quiet under the listener's requests before the
 *                  warm-up's bound (else the first real load finishes compiling the path)
 * @param elapsed   the warm-up's wall-clock time, key generation included
 * @param skipped   why it did not run, or null when it ran
 */
public record WarmupReport(int decisions, int forwarded, int requests, int proxied, boolean compilersSettled,
                           Duration elapsed, String skipped) {

    /** A warm-up that did not run. */
    static WarmupReport skipped(String why, Duration elapsed) {
        return new WarmupReport(0, 0, 0, 0, false, elapsed, why);
    }
}
