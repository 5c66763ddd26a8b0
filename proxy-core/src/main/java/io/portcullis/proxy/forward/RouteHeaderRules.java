package io.portcullis.proxy.forward;

import io.netty.handler.codec.http.HttpHeaders;
import io.portcullis.config.HeaderTemplate;
import io.portcullis.config.RequestHeaderRules;
import io.portcullis.config.RouteConfig;
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

    /**
     * The set rules as a forward-auth answer's headers: each rule's value, or an empty one when it
     * cannot be sent, and every other route's set names empty, so that the caller, copying them over
     * the client's request, leaves no client-sent copy in place (the proxy scrubs them on every route).
     * Remove rules have no form in an answer: the caller's own config decides what it strips.
     */
    public void answer(List<RouteConfig> routes, SetHeaderRule.Facts facts, List<Map.Entry<String, String>> out) {
        java.util.Set<String> named = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (SetHeaderRule rule : set) {
            Rendered r = rule.render(facts);
            out.add(Map.entry(rule.header(), r.value() == null ? "" : r.value()));
            named.add(rule.header());
        }
        for (RouteConfig other : routes) {
            for (String header : other.forwarding().requestHeaders().set().keySet()) {
                if (named.add(header)) {
                    out.add(Map.entry(header, ""));
                }
            }
        }
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
