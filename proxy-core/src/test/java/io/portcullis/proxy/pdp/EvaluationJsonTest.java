package io.portcullis.proxy.pdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.portcullis.config.AuthZenPdpConfig;
import io.portcullis.policy.PdpQuestion;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The AuthZEN wire format a PEP speaks: only a 200 with a boolean {@code decision} is an answer. */
class EvaluationJsonTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments(200, "{\"decision\":true}", Boolean.TRUE),
                arguments(200, "{\"decision\":false,\"context\":{\"reason\":\"no\"}}", Boolean.FALSE),
                arguments(200, "{\"decision\":\"true\"}", null),
                arguments(200, "{\"decision\":1}", null),
                arguments(200, "{}", null),
                arguments(200, "[true]", null),
                arguments(200, "decision=true", null),
                arguments(200, "", null),
                arguments(201, "{\"decision\":true}", null),
                arguments(500, "{\"decision\":true}", null),
                arguments(401, "{\"decision\":false}", null));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @MethodSource("answers")
    void onlyABooleanDecisionOfA200IsAnAnswer(int status, String body, Boolean expected) {
        assertEquals(expected, EvaluationJson.decision(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRequestIsAnAuthZenEvaluation() {
        String json = EvaluationJson.request(new PdpQuestion("docs", "https://idp", "u-1", "can_read", "document", "42"),
                new AuthZenPdpConfig.Subject("identity", "preferred_username"), "alice");
        assertEquals("{\"subject\":{\"type\":\"identity\",\"id\":\"alice\"},\"action\":{\"name\":\"can_read\"},"
                + "\"resource\":{\"type\":\"document\",\"id\":\"42\"}}", json);
    }
}
