package io.portcullis.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts panva's oidc-provider once per test run for the test classes that ask for it, and stops it after
 * the last one. Where Node or the installed package is missing the tests are skipped, not failed: Node is
 * expected on our machines and CI's, but the Java build must not depend on it.
 */
final class OidcProviderExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OidcProviderExtension.class);

    /**
     * Decided once per class (the whole class is skipped or not): a failing assumption while resolving the
     * parameter would count as an error, and one in a before-all callback is reported as zero tests run.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        String unavailable = OidcProviderServer.whyUnavailable();
        return unavailable == null ? ConditionEvaluationResult.enabled("node and oidc-provider are here")
                : ConditionEvaluationResult.disabled("oidc-provider tests skipped: " + unavailable);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OidcProviderServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(OidcProviderServer.class, key -> {
            try {
                return OidcProviderServer.start();
            } catch (Exception e) {
                throw new IllegalStateException("oidc-provider did not start", e);
            }
        }, OidcProviderServer.class);
    }
}
