package io.portcullis.proxy.state;

/**
 * The key layout, all under {@code key_prefix}. Keys that one script touches together share a hash
 * tag ({@code {rev}}), so the layout works unchanged on Redis Cluster; every other key is on its own
 * (buckets, replay values, risk histories spread over the slots).
 *
 * <pre>
 * {prefix}{rev}:entries        hash   revocation key → "atMillis:untilMillis"
 * {prefix}{rev}:expiry         zset   revocation key, scored by untilMillis (for pruning)
 * {prefix}{rev}:events         channel: one message per revocation written
 * {prefix}rl:{route}:{limit}:{caller}   string: the bucket's GCRA theoretical arrival time (µs)
 * {prefix}once:{len}:{scope}:{value} string, PX: a one-time value seen ({len}: the scope's length)
 * {prefix}risk:{subject}       hash   "d:"device / "n:"network → last allowed (ms), PEXPIRE window
 * {prefix}dpop-nonce-key       string: the base64 HMAC key DPoP server nonces are derived from
 * </pre>
 */
record RedisKeys(String prefix) {

    String revocations() {
        return prefix + "{rev}:entries";
    }

    String revocationExpiry() {
        return prefix + "{rev}:expiry";
    }

    String revocationChannel() {
        return prefix + "{rev}:events";
    }

    String bucket(String key) {
        return prefix + "rl:" + key;
    }

    String once(String scope, String value) {
        // The scope's length first: a scope containing ':' (a transmitter's URL) cannot meet another pair.
        return prefix + "once:" + scope.length() + ":" + scope + ":" + value;
    }

    String dpopNonceKey() {
        return prefix + "dpop-nonce-key";
    }

    String risk(String subjectKey) {
        return prefix + "risk:" + subjectKey;
    }
}
