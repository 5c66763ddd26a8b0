package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.policy.DeviceFacts;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.Tri;
import io.portcullis.policy.logic.Criterion;
import io.portcullis.policy.values.ValueTest;

/**
 * One attribute test of a {@code device} criterion. No posture, or no such attribute, is UNKNOWN;
 * the failure reason names the attribute so an operator sees which check refused the device.
 */
public final class DeviceAttributeCriterion extends Criterion {

    private final String attribute;
    private final ValueTest test;
    private final String failReason;

    DeviceAttributeCriterion(Position position, String attribute, ValueTest test) {
        super(position);
        this.attribute = attribute;
        this.test = test;
        this.failReason = attribute.equals("compliant") ? "device-not-compliant" : "device-" + attribute + "-failed";
    }

    @Override
    public Tri evaluate(PolicyInput input) {
        DeviceFacts device = input.device();
        if (device == null) {
            return Tri.UNKNOWN;
        }
        Object value = device.attributes().get(attribute);
        return value == null ? Tri.UNKNOWN : test.test(value);
    }

    @Override
    public String passReason() {
        return "device-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return input.device() == null ? "device-posture-missing" : failReason;
    }

    @Override
    public String missingFact() {
        return "device." + attribute;
    }

    @Override
    protected boolean readsIdentity() {
        return false;
    }
}
