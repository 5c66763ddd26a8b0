package io.portcullis.identity;

import java.time.Instant;

/**
 * Health of one issuer's keys, for {@code /readyz} and metrics.
 *
 * @param keysLoaded   keys were fetched at least once
 * @param stale        the last refresh failed (last good keys still in use)
 * @param lastSuccess  time of the last successful fetch, null if never
 * @param keyCount     number of usable signing keys
 */
public record IssuerStatus(String issuerId, boolean keysLoaded, boolean stale, Instant lastSuccess, int keyCount) {
}
