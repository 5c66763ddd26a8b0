package io.portcullis.proxy.access.stage;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyInput;
import io.portcullis.proxy.access.AccessRequest;

/** The policy the request's route names. */
public final class RoutePolicy implements PolicyStage {

    /** Stateless: one for all pipelines. */
    public static final RoutePolicy INSTANCE = new RoutePolicy();

    private RoutePolicy() {
    }

    @Override
    public Decision evaluate(AccessRequest request, PolicyInput input) {
        return request.route().policy().evaluate(input);
    }
}
