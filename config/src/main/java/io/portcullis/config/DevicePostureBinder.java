package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Binds {@code device_posture}; every issuer it names must be declared in {@code issuers}. */
final class DevicePostureBinder {

    private DevicePostureBinder() {
    }

    /** @param issuerIds every issuer id declared, including those of issuers that had problems */
    static DevicePostureConfig bind(Node node, Set<String> issuerIds, Problems problems) {
        DevicePostureConfig d = DevicePostureConfig.disabled();
        MapReader r = MapReader.of(node, "device_posture", problems).orElse(null);
        if (r == null) {
            return d;
        }
        String header = r.optional("header", Values.parsed(DevicePostureBinder::header), d.header());
        List<String> issuers = r.optional("issuers", Values.listOf(Values.parsed(id -> declared(id, issuerIds))),
                List.of());
        String bindClaim = r.optional("bind_claim", Values.string(), d.bindClaim());
        Duration maxAge = r.optional("max_age", Values.positiveDuration(), d.maxAge());
        String fromIdentity = r.optional("claims_from_identity_token", Values.string(), null);
        r.finish();
        return new DevicePostureConfig(header, issuers, bindClaim, maxAge, fromIdentity);
    }

    private static String declared(String id, Set<String> issuerIds) {
        if (!issuerIds.contains(id)) {
            throw new IllegalArgumentException("unknown issuer '" + id + "'" + KeySuggester.hint(id, issuerIds, "issuers"));
        }
        return id;
    }

    private static String header(String name) {
        String why = HeaderNames.whyNotSettable(name);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        return name;
    }
}
