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

class DeviceCriterionTest extends CriterionTable {

    private static final List<String> OK = List.of("device-ok");
    private static final List<String> MISSING = List.of("device-posture-missing");

    static Stream<Arguments> cases() {
        String compliant = "{device: {compliant: true}}";
        String patched = "{device: {patch_age_days: {lte: 30}}}";
        List<String> notCompliant = List.of("device-not-compliant");
        List<String> patchFailed = List.of("device-patch_age_days-failed");
        String both = "{device: {compliant: true, disk_encrypted: true}}";
        List<String> diskFailed = List.of("device-disk_encrypted-failed");
        String os = "{device: {os_version: {gte: \"14.2\"}}}";
        List<String> osFailed = List.of("device-os_version-failed");
        return Stream.of(
                arguments(compliant, Facts.anonymous().device("compliant", true), TRUE, OK),
                arguments(compliant, Facts.anonymous().device("compliant", false), FALSE, notCompliant),
                arguments(compliant, Facts.anonymous(), UNKNOWN, MISSING),
                arguments(compliant, Facts.user("groups", "admins"), UNKNOWN, MISSING),
                arguments(compliant, Facts.anonymous().device("managed", true), UNKNOWN, notCompliant),
                arguments(compliant, Facts.anonymous().device("compliant", "true"), UNKNOWN, notCompliant),
                arguments(patched, Facts.anonymous().device("patch_age_days", 3), TRUE, OK),
                arguments(patched, Facts.anonymous().device("patch_age_days", 30), TRUE, OK),
                arguments(patched, Facts.anonymous().device("patch_age_days", 31), FALSE, patchFailed),
                arguments(patched, Facts.anonymous().device("patch_age_days", 30.5), FALSE, patchFailed),
                arguments(patched, Facts.anonymous().device("patch_age_days", false), UNKNOWN, patchFailed),
                arguments("{device: {platform: macos}}", Facts.anonymous().device("platform", "macos"), TRUE, OK),
                arguments("{device: {platform: macos}}", Facts.anonymous().device("platform", "windows"), FALSE,
                        List.of("device-platform-failed")),
                arguments("{device: {platform: {in: [macos, linux]}}}", Facts.anonymous().device("platform", "linux"),
                        TRUE, OK),
                arguments("{device: {platform: {is: linux}}}", Facts.anonymous().device("platform", "macos"), FALSE,
                        List.of("device-platform-failed")),
                arguments("{device: {risk_score: 3}}", Facts.anonymous().device("risk_score", 3), TRUE, OK),
                arguments("{device: {risk_score: 3}}", Facts.anonymous().device("risk_score", 4), FALSE,
                        List.of("device-risk_score-failed")),
                arguments("{device: {risk_score: {gte: 10, lt: 50}}}", Facts.anonymous().device("risk_score", 10),
                        TRUE, OK),
                arguments("{device: {risk_score: {gte: 10, lt: 50}}}", Facts.anonymous().device("risk_score", 50),
                        FALSE, List.of("device-risk_score-failed")),
                arguments(both, Facts.anonymous().device("compliant", true, "disk_encrypted", true), TRUE, OK),
                arguments(both, Facts.anonymous().device("compliant", true, "disk_encrypted", false), FALSE, diskFailed),
                arguments(both, Facts.anonymous().device("compliant", false, "disk_encrypted", false), FALSE,
                        List.of("device-not-compliant", "device-disk_encrypted-failed")),
                arguments(both, Facts.anonymous().device("compliant", false), FALSE, notCompliant),
                arguments(both, Facts.anonymous().device("compliant", true), UNKNOWN, diskFailed),
                arguments(both, Facts.anonymous(), UNKNOWN, MISSING),
                arguments("{device: {managed: true, edr_running: true}}",
                        Facts.anonymous().device("managed", true, "edr_running", false), FALSE,
                        List.of("device-edr_running-failed")),
                arguments(os, Facts.anonymous().device("os_version", "14.2"), TRUE, OK),
                arguments(os, Facts.anonymous().device("os_version", "14.2.0"), TRUE, OK),
                arguments(os, Facts.anonymous().device("os_version", "14.10"), TRUE, OK),
                arguments(os, Facts.anonymous().device("os_version", "15"), TRUE, OK),
                arguments(os, Facts.anonymous().device("os_version", "14.1.9"), FALSE, osFailed),
                arguments(os, Facts.anonymous().device("os_version", "14"), FALSE, osFailed),
                arguments(os, Facts.anonymous().device("os_version", "9.9"), FALSE, osFailed),
                arguments(os, Facts.anonymous().device("os_version", "14.2-beta"), UNKNOWN, osFailed),
                arguments(os, Facts.anonymous().device("os_version", "14..2"), UNKNOWN, osFailed),
                arguments(os, Facts.anonymous().device("os_version", ""), UNKNOWN, osFailed),
                arguments(os, Facts.anonymous().device("os_version", 15), TRUE, OK),
                arguments("{device: {hostname: {matches: 'lap-[0-9]{4}'}}}",
                        Facts.anonymous().device("hostname", "lap-0042"), TRUE, OK),
                arguments("{device: {hostname: {matches: 'lap-[0-9]{4}'}}}",
                        Facts.anonymous().device("hostname", "lap-0042.evil"), FALSE, List.of("device-hostname-failed")),
                arguments("{device: {os_version: {lt: 14.2}}}", Facts.anonymous().device("os_version", "14.1.9"),
                        TRUE, OK));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{device: true}", "test.yaml:1:10: device: expected a map, got a scalar"),
                arguments("{device: {}}", "test.yaml:1:10: device: expected at least one attribute test"),
                arguments("{device: {patch_age_days: {greater: 30}}}", "test.yaml:1:28: unknown operator 'greater'"
                        + " for device.patch_age_days (expected one of: is, in, lt, lte, gt, gte, eq, matches)"),
                arguments("{device: {patch_age_days: {gt: thirty}}}", "test.yaml:1:32: device.patch_age_days.gt:"
                        + " expected a number or a dotted version like 14.2, got 'thirty'"),
                arguments("{device: {compliant: yes}}", "test.yaml:1:22: device.compliant: 'yes' is ambiguous;"
                        + " write true or false, or quote it for a string"),
                arguments("{device: {compliant: [true]}}", "test.yaml:1:22: device.compliant: expected a value or"
                        + " a map of operators (is, in, lt, lte, gt, gte, eq, matches), got a list"));
    }
}
