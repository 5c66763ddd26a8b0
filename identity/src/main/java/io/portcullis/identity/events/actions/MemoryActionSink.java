package io.portcullis.identity.events.actions;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every action in order, for tests and for {@code portcullis dev}; revokes nothing itself. */
public final class MemoryActionSink implements SecurityActionSink {

    private final List<SecurityAction> actions = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> apply(SecurityAction action) {
        actions.add(action);
        return CompletableFuture.completedFuture(null);
    }

    /** Every action applied so far, oldest first. */
    public List<SecurityAction> actions() {
        return List.copyOf(actions);
    }

    /** The actions of one type, oldest first. */
    public <T extends SecurityAction> List<T> actions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
