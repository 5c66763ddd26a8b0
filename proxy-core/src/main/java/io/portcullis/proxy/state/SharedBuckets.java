package io.portcullis.proxy.state;

import java.util.concurrent.CompletionStage;

/**
 * Rate-limit buckets every replica takes from: one atomic round trip per request. Fails (the stage
 * completes exceptionally) when the store cannot answer within its command timeout; the caller then
 * falls back to its own bucket.
 */
public interface SharedBuckets {

    /**
     * Takes one request from the bucket {@code key} holding up to {@code burst} requests and refilling
     * {@code perSecond} a second.
     *
     * @return 0 when allowed, else the nanoseconds until a request would be
     */
    CompletionStage<Long> take(String key, int burst, double perSecond);
}
