package io.portcullis.proxy.auth;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.AuthResult;
import io.portcullis.identity.Identity;
import io.portcullis.identity.IdentityService;
import io.portcullis.identity.IssuerStatus;
import io.portcullis.identity.PostureResult;
import io.portcullis.identity.PresentedToken;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The real identity service's answers, handed out only on {@link #release()}: every future it returns
 * is still pending, so a caller takes its asynchronous path (what a token whose keys are being fetched
 * gets). Single-threaded: release runs on the test's thread.
 */
public final class DeferredIdentityService implements IdentityService {

    private final IdentityService real;
    private final Queue<Runnable> pending = new ArrayDeque<>();

    public DeferredIdentityService(IdentityService real) {
        this.real = real;
    }

    private <T> CompletableFuture<T> deferred(CompletableFuture<T> answer) {
        CompletableFuture<T> later = new CompletableFuture<>();
        pending.add(() -> {
            try {
                later.complete(answer.join());
            } catch (CompletionException e) {
                later.completeExceptionally(e.getCause());
            }
        });
        return later;
    }

    /** Completes every answer held back, including those asked for while completing others. */
    public void release() {
        for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
            next.run();
        }
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(String token) {
        return deferred(real.authenticate(token));
    }

    @Override
    public CompletableFuture<AuthResult> authenticate(PresentedToken token) {
        return deferred(real.authenticate(token));
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, Identity identity) {
        return deferred(real.posture(postureToken, identity));
    }

    @Override
    public CompletableFuture<PostureResult> posture(String postureToken, AuthResult.Authenticated authenticated) {
        return deferred(real.posture(postureToken, authenticated));
    }

    @Override
    public List<IssuerStatus> issuers() {
        return real.issuers();
    }

    @Override
    public IdentityService reconfigure(PortcullisConfig config) {
        throw new UnsupportedOperationException("not needed by the tests that defer answers");
    }

    @Override
    public void close() {
        // The real service belongs to the test that made it.
    }
}
