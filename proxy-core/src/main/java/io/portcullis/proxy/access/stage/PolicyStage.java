package io.portcullis.proxy.access.stage;

import io.portcullis.policy.Decision;
import io.portcullis.policy.PolicyInput;
import io.portcullis.proxy.access.AccessRequest;

/** Judges the facts gathered so far. */
public interface PolicyStage {

    /** The decision for this request on these facts. */
    Decision evaluate(AccessRequest request, PolicyInput input);
}
