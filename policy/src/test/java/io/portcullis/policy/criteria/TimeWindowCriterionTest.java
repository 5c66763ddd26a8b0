package io.portcullis.policy.criteria;

import static io.portcullis.policy.Tri.FALSE;
import static io.portcullis.policy.Tri.TRUE;
import static io.portcullis.policy.Tri.UNKNOWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.policy.testing.CriterionTable;
import io.portcullis.policy.testing.Facts;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

class TimeWindowCriterionTest extends CriterionTable {

    private static final String OFFICE = "{time: {days: \"mon..fri\", between: \"08:00-18:00\", timezone: Europe/Berlin}}";
    private static final String NIGHT = "{time: {between: \"22:00-06:00\"}}";
    private static final List<String> OK = List.of("time-ok");
    private static final List<String> NO = List.of("time-not-allowed");

    private static Facts at(String instant) {
        return Facts.anonymous().now(Instant.parse(instant));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Facts.NOW is Wednesday 2026-03-04 10:00Z, 11:00 in Berlin (CET, +1)
                arguments(OFFICE, Facts.anonymous(), TRUE, OK),
                arguments(OFFICE, at("2026-03-04T07:00:00Z"), TRUE, OK),
                arguments(OFFICE, at("2026-03-04T06:59:59Z"), FALSE, NO),
                arguments(OFFICE, at("2026-03-04T16:59:59Z"), TRUE, OK),
                arguments(OFFICE, at("2026-03-04T17:00:00Z"), FALSE, NO),
                arguments(OFFICE, at("2026-03-07T10:00:00Z"), FALSE, NO),
                arguments(OFFICE, at("2026-07-01T06:00:00Z"), TRUE, OK),
                arguments(OFFICE, at("2026-07-01T16:00:00Z"), FALSE, NO),
                arguments(OFFICE, Facts.anonymous().now(null), UNKNOWN, NO),
                arguments(NIGHT, at("2026-03-04T23:00:00Z"), TRUE, OK),
                arguments(NIGHT, at("2026-03-04T05:59:00Z"), TRUE, OK),
                arguments(NIGHT, at("2026-03-04T06:00:00Z"), FALSE, NO),
                arguments(NIGHT, at("2026-03-04T12:00:00Z"), FALSE, NO),
                arguments("{time: {days: \"fri..mon\"}}", at("2026-03-08T12:00:00Z"), TRUE, OK),
                arguments("{time: {days: \"fri..mon\"}}", at("2026-03-04T12:00:00Z"), FALSE, NO),
                arguments("{time: {days: [mon, WED]}}", Facts.anonymous(), TRUE, OK),
                arguments("{time: {days: [thu], timezone: Pacific/Kiritimati}}", Facts.anonymous(), TRUE, OK),
                arguments("{time: {days: [wed], timezone: Pacific/Kiritimati}}", Facts.anonymous(), FALSE, NO),
                arguments("{time: {between: \"00:00-24:00\"}}", at("2026-03-04T23:59:59Z"), TRUE, OK),
                arguments("{time: {days: mon..fri, between: 09:00-10:00}}", at("2026-03-04T09:30:00Z"), TRUE, OK),
                arguments("{time: {days: mon..fri, between: 09:00-10:00}}", at("2026-03-04T10:00:00Z"), FALSE, NO));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("{time: {days: [mon], timezone: Mars/Olympus}}", "test.yaml:1:32: time.timezone: unknown"
                        + " time zone 'Mars/Olympus' (use a region like Europe/Berlin, or UTC)"),
                arguments("{time: {timezone: UTC}}", "test.yaml:1:8: time: expected 'days', 'between' or both"),
                arguments("{time: {days: \"mon..fry\"}}", "test.yaml:1:15: time.days: unknown day 'fry'"
                        + " (did you mean 'fri'?)"),
                arguments("{time: {between: \"8-18\"}}", "test.yaml:1:18: time.between: expected HH:MM-HH:MM, got '8-18'"),
                arguments("{time: {between: \"08:00-08:00\"}}",
                        "test.yaml:1:18: time.between: '08:00-08:00' is an empty window"),
                arguments("{time: {between: \"24:00-08:00\"}}", "test.yaml:1:18: time.between: 24:00 is not a time of day"),
                arguments("{time: {between: \"08:00-18:60\"}}", "test.yaml:1:18: time.between: 18:60 is not a time of day"),
                arguments("{time: {hours: \"08:00-18:00\"}}",
                        "test.yaml:1:9: unknown operator 'hours' for time (expected one of: days, between, timezone)"));
    }
}
