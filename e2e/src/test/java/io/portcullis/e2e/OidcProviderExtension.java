package io.portcullis.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts panva's oidc-provider once per test run for the test classes that ask for it, and stops it after
 * the last one. Where Node or the installed package is missing the tests are skipped, not failed: Node is
 * expected on our machines and CI's, but the Java build must not depend on it.
 */
final class OidcProviderExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OidcProviderExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OidcProviderServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String unavailable = OidcProviderServer.whyUnavailable();
        Assumptions.assumeTrue(unavailable == null, () -> "oidc-provider tests skipped: " + unavailable);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(OidcProviderServer.class, key -> {
            try {
                return OidcProviderServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("oidc-provider did not start", e);
            }
        }, OidcProviderServer.class);
    }
}
