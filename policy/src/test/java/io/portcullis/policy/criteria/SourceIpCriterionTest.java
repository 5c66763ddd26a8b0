package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class SourceIpCriterionTest extends CriterionTable {

    private static final String OFFICE = "{source_ip: {in: [10.0.0.0/8, \"2001:db8::/32\"]}}";
    private static final String NOT_LOOPBACK = "{source_ip: {not_in: [127.0.0.0/8]}}";
    private static final List<String> OK = List.of("source-ip-ok");
    private static final List<String> NO = List.of("source-ip-denied");

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(OFFICE, Facts.anonymous().ip("10.200.0.1"), TRUE, OK),
                arguments(OFFICE, Facts.anonymous().ip("2001:db8::7"), TRUE, OK),
                arguments(OFFICE, Facts.anonymous().ip("::ffff:10.1.1.1"), TRUE, OK),
                arguments(OFFICE, Facts.anonymous().ip("11.0.0.1"), FALSE, NO),
                arguments(OFFICE, Facts.anonymous().ip("2001:db9::1"), FALSE, NO),
                arguments(OFFICE, Facts.anonymous().ip(null), UNKNOWN, NO),
                arguments("{source_ip: {in: 192.168.1.0/24}}", Facts.anonymous().ip("192.168.1.77"), TRUE, OK),
                arguments(NOT_LOOPBACK, Facts.anonymous().ip("127.0.0.1"), FALSE, NO),
                arguments(NOT_LOOPBACK, Facts.anonymous().ip("10.1.2.3"), TRUE, OK),
                arguments(NOT_LOOPBACK, Facts.anonymous().ip(null), UNKNOWN, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{source_ip: {in: [10.0.0.0/33]}}", "test.yaml:1:19: source_ip.in: invalid CIDR"
                        + " '10.0.0.0/33': prefix length 33 is larger than 32"),
                arguments("{source_ip: {in: [intranet.corp]}}", "test.yaml:1:19: source_ip.in: invalid CIDR"
                        + " 'intranet.corp': invalid IP address 'intranet.corp'"),
                arguments("{source_ip: {from: [10.0.0.0/8]}}", "test.yaml:1:14: unknown operator 'from' for"
                        + " source_ip (expected one of: in, not_in)"));
    }
}
