package io.portcullis.identity.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9493 subject identifiers and SSF 1.0 complex subjects, read strictly. */
class SubjectIdsTest {

    private static SetFailure failure(Object json) {
        return assertThrows(MalformedSetException.class, () -> SubjectIds.parse(json)).failure();
    }

    @Test
    void simpleFormatsAreRead() throws Exception {
        assertEquals(new SubjectId.Email("a@example.com"), SubjectIds.parse(Map.of("format", "email", "email", "a@example.com")));
        assertEquals(new SubjectId.IssSub("https://idp", "42"), SubjectIds.parse(Map.of("format", "iss_sub", "iss", "https://idp", "sub", "42")));
        assertEquals(new SubjectId.Opaque("x"), SubjectIds.parse(Map.of("format", "opaque", "id", "x")));
        assertEquals(new SubjectId.PhoneNumber("+1"), SubjectIds.parse(Map.of("format", "phone_number", "phone_number", "+1")));
        assertEquals(new SubjectId.Account("acct:a@example.com"), SubjectIds.parse(Map.of("format", "account", "uri", "acct:a@example.com")));
        for (String format : List.of("did", "uri", "aliases", "jwt_id", "saml_assertion_id")) {
            assertEquals(new SubjectId.Unsupported(format), SubjectIds.parse(Map.of("format", format)));
        }
    }

    @Test
    void complexSubjectsWithOrWithoutTheirFormatAreRead() throws Exception {
        Map<String, Object> user = Map.of("format", "email", "email", "a@example.com");
        Map<String, Object> session = Map.of("format", "opaque", "id", "s1");
        SubjectId expected = new SubjectId.Complex(new SubjectId.Email("a@example.com"), new SubjectId.Opaque("s1"), null);
        assertEquals(expected, SubjectIds.parse(Map.of("user", user, "session", session)));
        assertEquals(expected, SubjectIds.parse(Map.of("format", "complex", "user", user, "session", session,
                "tenant", Map.of("format", "opaque", "id", "t"))));
    }

    @Test
    void malformedSubjectsAreRefused() {
        assertEquals(SetFailure.SUBJECT_FORMAT_UNKNOWN, failure(Map.of("format", "shoe_size")));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("format", "email")));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("format", "email", "email", "")));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("format", "iss_sub", "iss", "x", "sub", List.of("y"))));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("format", "opaque", "id", "x".repeat(SubjectIds.MAX_VALUE_CHARS + 1))));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("format", 7)));
        assertEquals(SetFailure.SUBJECT_INVALID, failure("alice"));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of()));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("user", "alice")));
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("pet", Map.of("format", "opaque", "id", "rex"))));
        // Complex subjects do not nest.
        assertEquals(SetFailure.SUBJECT_INVALID, failure(Map.of("user", Map.of("user", Map.of("format", "opaque", "id", "x")))));
    }
}
