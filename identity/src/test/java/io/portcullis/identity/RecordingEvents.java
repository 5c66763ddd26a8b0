package io.portcullis.identity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what the identity service reported, for assertions. */
final class RecordingEvents implements IdentityEvents {

    final List<String> fetches = new CopyOnWriteArrayList<>();
    final AtomicInteger cacheHits = new AtomicInteger();
    final AtomicInteger cacheMisses = new AtomicInteger();
    final AtomicInteger signatureChecks = new AtomicInteger();
    /** One permit per finished fetch, so a test can wait for fetches without sleeping. */
    final Semaphore fetchSignals = new Semaphore(0);

    @Override
    public void jwksFetch(String issuerId, String result) {
        fetches.add(issuerId + ":" + result);
        fetchSignals.release();
    }

    @Override
    public void tokenCache(boolean hit) {
        (hit ? cacheHits : cacheMisses).incrementAndGet();
    }

    @Override
    public void signatureChecked(String issuerId) {
        signatureChecks.incrementAndGet();
    }
}
