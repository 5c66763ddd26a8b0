package io.portcullis.policy.criteria;

import io.portcullis.config.Cidr;
import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.config.yaml.ScalarNode;
import io.portcullis.policy.RequestFacts;
import io.portcullis.policy.Tri;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code source_ip: {in: [CIDR..]} | {not_in: [CIDR..]}}, IPv4 and IPv6. */
public final class SourceIpCriterion extends RequestCriterion {

    private static final List<String> OPERATORS = List.of("in", "not_in");

    private final Cidr[] networks;
    private final boolean inside;

    private SourceIpCriterion(Position position, List<Cidr> networks, boolean inside) {
        super(position, "source-ip-ok", "source-ip-denied");
        this.networks = networks.toArray(new Cidr[0]);
        this.inside = inside;
    }

    public static SourceIpCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "source_ip", OPERATORS);
        String what = "source_ip." + op.key();
        List<Cidr> networks = new ArrayList<>();
        for (ScalarNode s : RuleNodes.scalars(op.value(), what)) {
            try {
                networks.add(Cidr.parse(s.value()));
            } catch (IllegalArgumentException e) {
                throw new InvalidRule(s.position(), what + ": invalid CIDR '" + s.value() + "': " + e.getMessage());
            }
        }
        return new SourceIpCriterion(entry.keyPosition(), networks, op.key().equals("in"));
    }

    @Override
    protected Tri evaluate(RequestFacts request) {
        InetAddress address = request.sourceIp();
        if (address == null) {
            return Tri.UNKNOWN;
        }
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return Tri.of(inside);
            }
        }
        return Tri.of(!inside);
    }
}
