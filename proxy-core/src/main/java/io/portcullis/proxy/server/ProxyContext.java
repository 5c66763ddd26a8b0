package io.portcullis.proxy.server;

import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.observe.DecisionLog;
import io.portcullis.proxy.observe.Metrics;
import java.util.function.Supplier;

/**
 * What every connection handler shares: the current config (read once per request, so a reload never
 * changes a request half-way), metrics and the decision log.
 *
 * @param scheme {@code http} or {@code https}, for X-Forwarded-Proto
 */
public record ProxyContext(Supplier<RuntimeConfig> runtime, Metrics metrics, DecisionLog decisions, String scheme) {

    /** The same context for connections of another scheme (TLS connections say {@code https}). */
    public ProxyContext withScheme(String otherScheme) {
        return new ProxyContext(runtime, metrics, decisions, otherScheme);
    }
}
