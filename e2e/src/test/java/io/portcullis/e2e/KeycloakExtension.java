package io.portcullis.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts Keycloak once per test run and hands it to every test class that asks: it lives in the root
 * store as a closeable resource, so JUnit stops it after the last test of the run.
 */
final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Keycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Keycloak.class, key -> {
            try {
                return new Keycloak(KeycloakServer.start());
            } catch (Exception e) {
                throw new IllegalStateException("Keycloak did not start", e);
            }
        }, Keycloak.class);
    }
}
