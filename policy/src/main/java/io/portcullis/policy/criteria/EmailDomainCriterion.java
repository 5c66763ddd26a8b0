package io.portcullis.policy.criteria;

import io.portcullis.config.Position;
import io.portcullis.config.yaml.MapNode;
import io.portcullis.policy.PolicyInput;
import io.portcullis.policy.compile.InvalidRule;
import io.portcullis.policy.compile.RuleNodes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code email_domain: {is: corp.com} | {in: [corp.com, .corp.com]}}. {@code corp.com} matches that
 * domain only; {@code .corp.com} matches its subdomains on a label boundary, so never
 * {@code badcorp.com}. Compared ignoring ASCII case.
 */
public final class EmailDomainCriterion extends EmailClaimCriterion {

    private static final List<String> OPERATORS = List.of("is", "in");
    private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");

    private final String[] domains;

    private EmailDomainCriterion(Position position, List<String> domains) {
        super(position);
        this.domains = domains.toArray(new String[0]);
    }

    public static EmailDomainCriterion parse(MapNode.Entry entry) {
        MapNode.Entry op = RuleNodes.singleOperator(entry.value(), "email_domain", OPERATORS);
        String what = "email_domain." + op.key();
        List<String> domains = RuleNodes.operandStrings(op, what);
        for (String d : domains) {
            if (!DOMAIN.matcher(d).matches()) {
                throw new InvalidRule(op.value().position(), what + ": '" + d
                        + "' is not a domain (write corp.com, or .corp.com for its subdomains)");
            }
        }
        return new EmailDomainCriterion(entry.keyPosition(), domains);
    }

    @Override
    protected boolean matches(String email) {
        int start = EmailClaim.domainStart(email);
        int length = email.length() - start;
        for (String d : domains) {
            boolean match = d.charAt(0) == '.'
                    ? length > d.length() && AsciiCase.regionEquals(email, email.length() - d.length(), d, 0, d.length())
                    : length == d.length() && AsciiCase.regionEquals(email, start, d, 0, d.length());
            if (match) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String passReason() {
        return "email-domain-ok";
    }

    @Override
    public String failReason(PolicyInput input) {
        return "email-domain-unauthorized";
    }
}
