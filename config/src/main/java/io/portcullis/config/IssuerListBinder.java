package io.portcullis.config;

import io.portcullis.config.yaml.ListNode;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Binds {@code issuers}: each entry, plus unique ids and unique {@code iss} values across entries. */
final class IssuerListBinder {

    /**
     * The issuers that bound, and every id written (including those of issuers with problems), so a
     * reference to an issuer that has its own problem is not reported a second time.
     *
     * @param declared how many issuers were written, bound or not
     */
    record Issuers(List<IssuerConfig> bound, Set<String> declaredIds, int declared) {

        /** True when some issuer may vouch for users; one that failed to bind is given the benefit of the doubt. */
        boolean mayVouchForUsers(DevicePostureConfig posture) {
            return declared > bound.size() || bound.stream().anyMatch(i -> !posture.issuers().contains(i.id()));
        }
    }

    private IssuerListBinder() {
    }

    static Issuers bind(MapReader top, Map<String, String> env, Problems problems) {
        List<IssuerConfig> bound = new ArrayList<>();
        Set<String> declaredIds = new HashSet<>();
        UniqueNames ids = new UniqueNames("issuer id");
        UniqueNames iss = new UniqueNames("issuer");
        Optional<ListNode> list = ListBinding.list(top, "issuers", false, problems);
        list.ifPresent(l -> ListBinding.forEach(l, "issuers", (item, path) -> {
            if (!(item instanceof MapNode m)) {
                IssuerBinder.bind(item, path, env, problems);
                return;
            }
            if (m.get("id").orElse(null) instanceof ScalarNode id && !id.isNull()) {
                declaredIds.add(id.value());
            }
            IssuerConfig issuer = IssuerBinder.bind(m, path, env, problems);
            if (issuer != null) {
                ids.claim(issuer.id(), m.get("id").orElseThrow().position(), path + ".id", problems);
                iss.claim(issuer.issuer(), m.get("issuer").orElseThrow().position(), path + ".issuer", problems);
                bound.add(issuer);
            }
        }));
        return new Issuers(bound, declaredIds, list.map(l -> l.items().size()).orElse(0));
    }
}
