package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.HeaderTemplate;
import io.portcullis.config.RequestHeaderRules;
import io.portcullis.proxy.forward.IdentityHeaderRule.Omission;
import io.portcullis.proxy.forward.IdentityHeaderRule.Rendered;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route's compiled {@code request_headers}: its remove rule, applied to what the client sent, and
 * its set rules, applied after the proxy's own headers.
 */
public record RouteHeaderRules(RemoveHeaderRule remove, List<SetHeaderRule> set) {

    private static final Logger LOG = LoggerFactory.getLogger(RouteHeaderRules.class);
    private static final RouteHeaderRules NONE = new RouteHeaderRules(new RemoveHeaderRule(List.of()), List.of());

    public RouteHeaderRules {
        set = List.copyOf(set);
    }

    /** No rules. */
    public static RouteHeaderRules none() {
        return NONE;
    }

    /** Compiles a route's rules; values longer than {@code maxBytes} are never sent. */
    public static RouteHeaderRules of(RequestHeaderRules config, int maxBytes) {
        if (config.set().isEmpty() && config.remove().isEmpty()) {
            return NONE;
        }
        List<SetHeaderRule> set = new ArrayList<>();
        for (Map.Entry<String, HeaderTemplate> e : config.set().entrySet()) {
            set.add(new SetHeaderRule(e.getKey(), e.getValue(), maxBytes));
        }
        return new RouteHeaderRules(new RemoveHeaderRule(config.remove()), set);
    }

    /** Sets every rule's header whose value can be sent; a value that can't is left out and reported. */
    void setOn(HttpHeaders h, SetHeaderRule.Facts facts) {
        for (int i = 0, n = set.size(); i < n; i++) {
            SetHeaderRule rule = set.get(i);
            Rendered r = rule.render(facts);
            if (r.value() != null) {
                h.set(rule.header(), r.value());
            } else if (r.omission() != Omission.ABSENT) {
                LOG.warn("request {}: header {} left out ({}) for template {}", facts.requestId(), rule.header(),
                        r.omission(), rule.template().text());
            }
        }
    }
}
