package io.portcullis.benchmarks;

import io.portcullis.config.ConfigException;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.identity.IdentityService;
import io.portcullis.proxy.ConfigCompiler;
import io.portcullis.proxy.RuntimeConfig;
import io.portcullis.proxy.routing.Route;

/** {@link BenchConfig} compiled the way the proxy compiles it, with {@code extraRoutes} routes in front. */
final class CompiledConfig {

    final RuntimeConfig runtime;

    CompiledConfig(int extraRoutes, String issuer, String jwksUri, IdentityService identity) {
        PortcullisConfig config = BenchConfig.parse(BenchConfig.yaml(0, 0, issuer, jwksUri,
                "http://127.0.0.1:9", extraRoutes));
        try {
            ConfigCompiler.Compiled compiled = ConfigCompiler.compile(config);
            runtime = RuntimeConfig.of(config, compiled.policies(), identity);
        } catch (ConfigException e) {
            throw new IllegalStateException("benchmark policies do not compile:\n" + e.getMessage(), e);
        }
    }

    /** Config without a live issuer: enough for routing, policies and headers. */
    static CompiledConfig offline(int extraRoutes) {
        return new CompiledConfig(extraRoutes, "https://issuer.bench.invalid", "https://issuer.bench.invalid/jwks",
                null);
    }

    Route route(String id) {
        return runtime.router().routes().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no route " + id));
    }
}
