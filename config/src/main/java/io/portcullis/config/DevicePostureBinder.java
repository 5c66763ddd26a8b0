package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.Node;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Binds {@code device_posture}; every issuer it names must be declared in {@code issuers}. */
final class DevicePostureBinder {

    private DevicePostureBinder() {
    }

    static DevicePostureConfig bind(Node node, Set<String> issuerIds, Problems problems) {
        DevicePostureConfig d = DevicePostureConfig.disabled();
        MapReader r = MapReader.of(node, "device_posture", problems).orElse(null);
        if (r == null) {
            return d;
        }
        String header = r.optional("header", Values.parsed(DevicePostureBinder::header), d.header());
        List<String> issuers = r.optional("issuers", Values.listOf(Values.string()), List.of());
        r.node("issuers").filter(ListNode.class::isInstance).map(ListNode.class::cast).ifPresent(list -> {
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String id = Values.describe(item);
                if (item instanceof io.portcullis.config.yaml.ScalarNode s && s.value() != null
                        && !issuerIds.contains(s.value())) {
                    problems.add(item.position(), "device_posture.issuers[" + i + "]",
                            "unknown issuer " + id + " (declare it under issuers)");
                }
            }
        });
        String bindClaim = r.optional("bind_claim", Values.string(), d.bindClaim());
        Duration maxAge = r.optional("max_age", Values.positiveDuration(), d.maxAge());
        String fromIdentity = r.optional("claims_from_identity_token", Values.string(), null);
        r.finish();
        return new DevicePostureConfig(header, issuers, bindClaim, maxAge, fromIdentity);
    }

    private static String header(String name) {
        String why = HeaderNames.whyNotSettable(name);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return name;
    }
}
