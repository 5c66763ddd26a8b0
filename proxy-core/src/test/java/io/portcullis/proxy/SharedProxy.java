package io.portcullis.proxy;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ProxyFixture} for a whole test class: started before all tests (the config supplier runs
 * then, so it may prepare files first), its upstream record cleared and delay reset before each test,
 * closed after all.
 */
public final class SharedProxy implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Supplier<String> config;
    private final Consumer<ProxyFixture> started;
    private ProxyFixture fx;

    /** @param started receives the fixture once it runs (tests keep it in a static field) */
    public SharedProxy(Supplier<String> config, Consumer<ProxyFixture> started) {
        this.config = config;
        this.started = started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fx = new ProxyFixture(config.get());
        started.accept(fx);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fx.upstream.clear();
        fx.upstream.responseDelay(Duration.ZERO);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (fx != null) {
            fx.close();
        }
    }
}
