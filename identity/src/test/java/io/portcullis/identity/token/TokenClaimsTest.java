package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.portcullis.config.IssuerConfig;
import io.portcullis.identity.AuthFailure;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential: every payload reads and checks exactly as it did through Nimbus's claims set
 * ({@code JWTClaimsSet.parse} of the same JSON maps, the claim rules as they were on it, then
 * {@code PlainClaims.of}): the same refusal, or the same plain map, subject, times, audience and jti.
 */
class TokenClaimsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final long NOW_S = NOW.getEpochSecond();
    private static final IssuerConfig ISSUER = new IssuerConfig("corp", "https://idp", null, true,
            List.of("app-a", "app-b"), List.of("RS256"), Duration.ofSeconds(60), Duration.ofHours(1), null);
    private static final String[] REGISTERED = {"iss", "sub", "aud", "exp", "nbf", "iat", "jti"};

    /** Values a registered claim may be given, ordinary and odd. */
    private static final List<String> ODD_VALUES = List.of(
            "null", "true", "false", "\"\"", "\" \"", "\"app-a\"", "\"APP-A\"", "\"alice\"", "\"https://idp\"",
            "\"caf\\u00e9 \u4e2d\ud83d\ude00\"", "\"tomorrow\"", "\"" + NOW_S + "\"",
            "0", "-0", "42", "-1", "1.9", "-1.5", "0.5", "1e3", "-2.5e2",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999",
            "1e300", "-1e300", "9223372036854775", "9223372036854776", "-9223372036854776",
            String.valueOf(NOW_S), String.valueOf(NOW_S + 60), String.valueOf(NOW_S + 61), String.valueOf(NOW_S - 59),
            String.valueOf(NOW_S - 60), String.valueOf(NOW_S - 61), (NOW_S - 60) + ".999", (NOW_S + 60) + ".5",
            (NOW_S + 3600) + ".25", (double) (NOW_S + 3600) + "", "1.7e9",
            "[]", "[null]", "[\"app-a\"]", "[\"APP-A\"]", "[\"other\",\"app-b\"]", "[\"app-a\",null]",
            "[null,\"app-a\"]", "[\"other\",null]", "[\"app-a\",1]", "[1]", "[true]", "[[\"app-a\"]]",
            "[{\"aud\":\"app-a\"}]", "[\"app-a\",\"app-b\",\"app-a\"]",
            "{}", "{\"a\":null}", "{\"aud\":\"app-a\"}");

    /** Values of other claims: nesting, nulls inside, numbers of every shape, unicode. */
    private static final List<String> OTHER_VALUES = List.of(
            "null", "true", "\"x\"", "\"\\u0000\\n\\\"\"", "\"\u00e9\ud83d\ude00\"", "1", "-7", "2.5", "1e-7",
            "123456789012345678901234567890", "[]", "{}", "[null]", "{\"k\":null}", "[1,\"a\",true,null,1.5]",
            "{\"id\":\"d-1\",\"compliant\":true,\"nested\":{\"deep\":[{\"x\":null},[]]}}",
            "[[[\"z\"]],{\"a\":[null,{}]}]", "{\"device_id\":7,\"id\":null}");

    private static final List<String> OTHER_NAMES = List.of(
            "groups", "device", "device_id", "amr", "scope", "\u00e9t\u00e9", "", "ISS", "exp ", "x");

    @Test
    void handWrittenPayloadsReadAsBefore() {
        List<String> corpus = new ArrayList<>(List.of(
                "{}",
                valid(""),
                valid(",\"groups\":[\"x\",{\"y\":[1,null]}],\"nothing\":null,\"mfa\":true,\"score\":1.5"),
                valid(",\"device\":{\"id\":\"d1\",\"compliant\":true,\"patch\":null},\"device_id\":\"d9\""),
                valid(",\"name\":\"\\u00c5sa \u00d6\u00f6 \ud83d\udd12\",\"big\":1e20,\"neg\":-12,\"huge\":99999999999999999999"),
                "{\"iss\":\"https://idp\",\"sub\":\"alice\",\"aud\":[],\"exp\":" + (NOW_S + 300) + "}",
                "{\"iss\":null,\"sub\":null,\"aud\":null,\"exp\":null,\"nbf\":null,\"iat\":null,\"jti\":null}",
                "{\"sub\":{\"nested\":[null,{\"a\":null}]},\"exp\":" + NOW_S + "}",
                "{\"aud\":\"app-a\",\"aud2\":[\"app-a\"]}"));
        for (String name : REGISTERED) {
            for (String value : ODD_VALUES) {
                corpus.add(withRegistered(name, value));
            }
        }
        int accepted = 0;
        for (String json : corpus) {
            accepted += agree(json) ? 1 : 0;
        }
        // The corpus must reach the end of the rules often enough to compare the accepted shapes.
        assertTrue(accepted > 50, "accepted " + accepted);
    }

    @Test
    void randomPayloadsReadAsBefore() {
        Random random = new Random(20261126L);
        int accepted = 0;
        int malformed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder("{");
            List<String> names = new ArrayList<>(Arrays.asList(REGISTERED));
            names.addAll(OTHER_NAMES);
            Collections.shuffle(names, random);
            for (String name : names) {
                boolean registered = Arrays.asList(REGISTERED).contains(name);
                // Registered claims mostly ordinary, so that the rules after parsing get exercised.
                if (random.nextInt(registered ? 8 : 3) == 0) {
                    continue;
                }
                String value = registered ? registeredValue(name, random) : pick(OTHER_VALUES, random);
                json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value);
            }
            String text = json.append('}').toString();
            if (agree(text)) {
                accepted++;
            } else if (oldPath(text).refusal() == AuthFailure.TOKEN_MALFORMED) {
                malformed++;
            }
        }
        assertTrue(accepted > 1_000 && malformed > 1_000, "accepted " + accepted + ", malformed " + malformed);
    }

    @Test
    void theMapAndEveryValueInsideItAreImmutable() throws Exception {
        TokenClaims claims = TokenClaims.parse(valid(",\"groups\":[\"x\",{\"y\":[1,null]}],\"device\":{\"id\":\"d\"}"));
        Map<String, Object> map = claims.asMap();
        assertThrows(UnsupportedOperationException.class, () -> map.put("sub", "mallory"));
        List<?> groups = assertInstanceOf(List.class, map.get("groups"));
        assertThrows(UnsupportedOperationException.class, () -> groups.remove(0));
        Map<?, ?> inGroups = assertInstanceOf(Map.class, groups.get(1));
        assertThrows(UnsupportedOperationException.class, inGroups::clear);
        List<?> deepest = assertInstanceOf(List.class, inGroups.get("y"));
        assertThrows(UnsupportedOperationException.class, () -> deepest.remove(0));
        Map<?, ?> device = assertInstanceOf(Map.class, map.get("device"));
        assertThrows(UnsupportedOperationException.class, device::clear);
        assertThrows(UnsupportedOperationException.class, () -> claims.audience().add("app-a"));
        // Identity copies its claims with Map.copyOf: for this map that must be no copy at all.
        assertSame(map, Map.copyOf(map));
    }

    @Test
    void oddRegisteredClaimsReadAsNimbusReadThem() throws Exception {
        TokenClaims numericSubject = TokenClaims.parse("{\"sub\":42,\"exp\":1.9,\"nbf\":-1.5,\"aud\":[\"solo\"]}");
        assertEquals("42", numericSubject.subject());
        assertEquals("42", numericSubject.asMap().get("sub"));
        assertEquals(Instant.ofEpochSecond(1), numericSubject.expiresAt());
        assertEquals(1L, numericSubject.asMap().get("exp"));
        assertEquals(Instant.ofEpochSecond(-1), numericSubject.notBefore(), "fraction dropped toward zero");
        assertEquals("solo", numericSubject.asMap().get("aud"), "a one-element array shows as the string");
        assertEquals(List.of("solo"), numericSubject.audience());

        // 1e300 seconds: longValue() saturates, then * 1000 wraps, as new Date(seconds * 1000) did.
        TokenClaims overflowing = TokenClaims.parse("{\"exp\":1e300}");
        assertEquals(Instant.ofEpochMilli(Long.MAX_VALUE * 1000L), overflowing.expiresAt());
        assertEquals(Long.MAX_VALUE * 1000L / 1000L, overflowing.asMap().get("exp"));

        TokenClaims emptyAudience = TokenClaims.parse("{\"aud\":[],\"iss\":null}");
        assertEquals(List.of(), emptyAudience.audience());
        assertFalse(emptyAudience.asMap().containsKey("aud"));
        assertFalse(emptyAudience.asMap().containsKey("iss"));
        assertNull(emptyAudience.issuer());

        for (String refused : List.of("{\"sub\":true}", "{\"sub\":[\"a\"]}", "{\"iss\":1}", "{\"jti\":{}}",
                "{\"exp\":\"tomorrow\"}", "{\"iat\":true}", "{\"nbf\":[1]}", "{\"aud\":1}", "{\"aud\":[\"a\",2]}",
                "{\"aud\":{\"a\":1}}", "{\"aud\":[[\"a\"]]}")) {
            assertThrows(ParseException.class, () -> TokenClaims.parse(refused), refused);
        }
    }

    @Test
    void toStringNamesClaimsWithoutTheirValues() throws Exception {
        String shown = TokenClaims.parse("{\"sub\":\"alice-secret-subject\",\"email\":\"a@example.org\"}").toString();
        assertTrue(shown.contains("email"), shown);
        assertFalse(shown.contains("alice-secret-subject") || shown.contains("a@example.org"), shown);
    }

    /** Asserts both paths agree on {@code json}; true when both accept the claims. */
    private static boolean agree(String json) {
        Outcome before = oldPath(json);
        Outcome now = newPath(json);
        if (before.crashed()) {
            // Before, a JSON null in aud tested before any match threw from List.contains(null); now a null
            // matches nothing, which is exactly the old answer with the nulls taken out.
            assertEquals(oldPath(json, true), now, json);
        } else {
            assertEquals(before, now, json);
        }
        return now.refusal() == null;
    }

    private static String valid(String more) {
        return "{\"iss\":\"https://idp\",\"sub\":\"alice\",\"aud\":\"app-a\",\"exp\":" + (NOW_S + 300) + ",\"iat\":"
                + (NOW_S - 10) + ",\"jti\":\"id-1\"" + more + "}";
    }

    /** A valid payload with one registered claim set to {@code value}. */
    private static String withRegistered(String name, String value) {
        StringBuilder json = new StringBuilder("{");
        for (String[] claim : new String[][] {{"iss", "\"https://idp\""}, {"sub", "\"alice\""}, {"aud", "\"app-a\""},
                {"exp", String.valueOf(NOW_S + 300)}, {"iat", String.valueOf(NOW_S - 10)}, {"jti", "\"j\""}}) {
            if (!claim[0].equals(name)) {
                json.append('"').append(claim[0]).append("\":").append(claim[1]).append(',');
            }
        }
        return json.append('"').append(name).append("\":").append(value).append('}').toString();
    }

    private static String registeredValue(String name, Random random) {
        // Mostly ordinary: one odd claim per payload on average, so every rule after parsing is reached.
        if (random.nextInt(7) == 0) {
            return pick(ODD_VALUES, random);
        }
        return switch (name) {
            case "iss" -> "\"https://idp\"";
            case "aud" -> random.nextBoolean() ? "\"app-b\"" : "[\"x\",\"app-a\"]";
            case "exp" -> String.valueOf(NOW_S + random.nextInt(600) - 100);
            case "nbf", "iat" -> String.valueOf(NOW_S + random.nextInt(200) - 100);
            default -> "\"u-" + random.nextInt(100) + "\"";
        };
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    /** What a token's claims come to: a refusal, or every view of them the system reads. */
    private record Outcome(AuthFailure refusal, boolean crashed, Map<String, Object> plain, String issuer,
                           String subject, List<String> audience, Instant exp, Instant nbf, Instant iat, Object jti) {

        static Outcome refused(AuthFailure reason) {
            return new Outcome(reason, false, null, null, null, null, null, null, null, null);
        }

        static Outcome crash() {
            return new Outcome(null, true, null, null, null, null, null, null, null, null);
        }
    }

    private static Outcome newPath(String json) {
        TokenClaims claims;
        try {
            claims = TokenClaims.parse(json);
        } catch (ParseException e) {
            return Outcome.refused(AuthFailure.TOKEN_MALFORMED);
        }
        AuthFailure failure = ClaimsRules.check(claims, ISSUER, NOW);
        return new Outcome(failure, false, claims.asMap(), claims.issuer(), claims.subject(), claims.audience(),
                claims.expiresAt(), claims.notBefore(), claims.issuedAt(), claims.jwtId());
    }

    private static Outcome oldPath(String json) {
        return oldPath(json, false);
    }

    /** The path before: Nimbus's claims set from the same JSON maps, the rules on it, PlainClaims.of. */
    private static Outcome oldPath(String json, boolean dropNullAudiences) {
        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(JsonObjectReader.parse(json));
        } catch (ParseException e) {
            return Outcome.refused(AuthFailure.TOKEN_MALFORMED);
        }
        JWTClaimsSet checked = claims;
        if (dropNullAudiences) {
            checked = new JWTClaimsSet.Builder(claims)
                    .audience(claims.getAudience().stream().filter(Objects::nonNull).toList()).build();
        }
        AuthFailure failure;
        try {
            failure = oldRules(checked);
        } catch (NullPointerException fromListContainsNull) {
            return Outcome.crash();
        }
        Object iss = claims.getClaim("iss");
        return new Outcome(failure, false, PlainClaims.of(claims), iss instanceof String text ? text : null,
                claims.getSubject(), claims.getAudience(), instant(claims.getExpirationTime()),
                instant(claims.getNotBeforeTime()), instant(claims.getIssueTime()), claims.getClaim("jti"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** ClaimsRules.check as it was on Nimbus's claims set. */
    private static AuthFailure oldRules(JWTClaimsSet claims) {
        Duration skew = ISSUER.clockSkew();
        try {
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                return AuthFailure.CLAIMS_INVALID;
            }
            if (!NOW.isBefore(exp.toInstant().plus(skew))) {
                return AuthFailure.EXPIRED;
            }
            Instant latestAcceptable = NOW.plus(skew);
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && nbf.toInstant().isAfter(latestAcceptable)) {
                return AuthFailure.NOT_YET_VALID;
            }
            Date iat = claims.getIssueTime();
            if (iat != null && iat.toInstant().isAfter(latestAcceptable)) {
                return AuthFailure.NOT_YET_VALID;
            }
            if (claims.getAudience().stream().noneMatch(ISSUER.audiences()::contains)) {
                return AuthFailure.AUDIENCE_INVALID;
            }
            String subject = claims.getStringClaim("sub");
            if (subject == null || subject.isBlank()) {
                return AuthFailure.CLAIMS_INVALID;
            }
            return null;
        } catch (ParseException e) {
            return AuthFailure.CLAIMS_INVALID;
        }
    }
}
