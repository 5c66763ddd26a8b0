package io.portcullis.identity.events;

import java.util.Map;
import java.util.Set;

/**
 * Reads subject identifiers from a SET's JSON (RFC 9493 §3, SSF 1.0 §3.2). Each member must be a
 * non-empty string of bounded length; a complex subject's members must themselves be simple.
 */
final class SubjectIds {

    /** No identifier Portcullis could use is anywhere near this long. */
    static final int MAX_VALUE_CHARS = 1024;

    private static final Set<String> UNSUPPORTED = Set.of("did", "uri", "aliases", "jwt_id", "saml_assertion_id");
    private static final Set<String> COMPLEX_MEMBERS =
            Set.of("user", "session", "device", "application", "tenant", "org_unit", "group");

    private SubjectIds() {
    }

    static SubjectId parse(Object json) throws MalformedSetException {
        Map<?, ?> object = object(json);
        Object format = object.get("format");
        if (format == null || "complex".equals(format)) {
            return complex(object);
        }
        return simple(object);
    }

    private static SubjectId simple(Map<?, ?> object) throws MalformedSetException {
        Object format = object.get("format");
        if (!(format instanceof String name)) {
            throw new MalformedSetException(SetFailure.SUBJECT_INVALID);
        }
        return switch (name) {
            case "email" -> new SubjectId.Email(member(object, "email"));
            case "iss_sub" -> new SubjectId.IssSub(member(object, "iss"), member(object, "sub"));
            case "opaque" -> new SubjectId.Opaque(member(object, "id"));
            case "phone_number" -> new SubjectId.PhoneNumber(member(object, "phone_number"));
            case "account" -> new SubjectId.Account(member(object, "uri"));
            default -> {
                if (UNSUPPORTED.contains(name)) {
                    yield new SubjectId.Unsupported(name);
                }
                throw new MalformedSetException(SetFailure.SUBJECT_FORMAT_UNKNOWN);
            }
        };
    }

    private static SubjectId complex(Map<?, ?> object) throws MalformedSetException {
        SubjectId user = null;
        SubjectId session = null;
        SubjectId device = null;
        boolean any = false;
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            Object key = entry.getKey();
            if ("format".equals(key)) {
                continue;
            }
            if (!COMPLEX_MEMBERS.contains(key)) {
                // SSF 1.0 §3.2 lets a complex subject carry only the members it defines.
                throw new MalformedSetException(SetFailure.SUBJECT_INVALID);
            }
            SubjectId member = simple(object(entry.getValue()));
            any = true;
            switch ((String) key) {
                case "user" -> user = member;
                case "session" -> session = member;
                case "device" -> device = member;
                default -> {
                    // Well-formed and not used (see SubjectId.Complex).
                }
            }
        }
        if (!any) {
            throw new MalformedSetException(SetFailure.SUBJECT_INVALID);
        }
        return new SubjectId.Complex(user, session, device);
    }

    private static Map<?, ?> object(Object json) throws MalformedSetException {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new MalformedSetException(SetFailure.SUBJECT_INVALID);
    }

    private static String member(Map<?, ?> object, String name) throws MalformedSetException {
        if (object.get(name) instanceof String value && !value.isEmpty() && value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        throw new MalformedSetException(SetFailure.SUBJECT_INVALID);
    }
}
