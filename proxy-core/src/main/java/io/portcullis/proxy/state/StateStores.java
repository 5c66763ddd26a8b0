package io.portcullis.proxy.state;

import io.portcullis.config.StateConfig;
import java.time.Clock;

/** Opens the store a config's {@code state} section asks for. */
public final class StateStores {

    private StateStores() {
    }

    /** Never fails because Redis is down: a Redis store connects in the background. */
    public static StateStore open(StateConfig config, StateEvents events, Clock clock) {
        return switch (config.type()) {
            case MEMORY -> new MemoryStateStore(clock);
            case REDIS -> new RedisStateStore(config.redis(), events, clock);
        };
    }
}
