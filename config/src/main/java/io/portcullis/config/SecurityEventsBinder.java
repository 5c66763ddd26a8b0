package io.portcullis.config;

import io.portcullis.config.yaml.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code security_events: { transmitters: [...] }}. Transmitter ids must be unique: each names
 * its own push path and metric label.
 */
final class SecurityEventsBinder {

    private SecurityEventsBinder() {
    }

    static SecurityEventsConfig bind(Node node, Map<String, String> env, Problems problems) {
        MapReader r = MapReader.of(node, "security_events", problems).orElse(null);
        if (r == null) {
            return SecurityEventsConfig.none();
        }
        List<TransmitterConfig> transmitters = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        ListBinding.list(r, "transmitters", true, problems).ifPresent(list ->
                ListBinding.forEach(list, r.path("transmitters"), (item, path) -> {
                    TransmitterConfig t = TransmitterBinder.bind(item, path, env, problems);
                    if (t == null) {
                        return;
                    }
                    if (ids.contains(t.id())) {
                        problems.add(t.position(), path + ".id", "duplicate transmitter id '" + t.id() + "'");
                        return;
                    }
                    ids.add(t.id());
                    transmitters.add(t);
                }));
        r.finish();
        return new SecurityEventsConfig(transmitters);
    }
}
