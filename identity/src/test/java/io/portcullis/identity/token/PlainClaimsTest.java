package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainClaimsTest {

    @Test
    void convertsToImmutablePlainValues() throws Exception {
        JWTClaimsSet claims = JWTClaimsSet.parse("{\"sub\":\"a\",\"exp\":1700000000,\"mfa\":true,\"score\":1.5,"
                + "\"groups\":[\"x\",{\"y\":[1,null]}],\"nothing\":null}");

        Map<String, Object> plain = PlainClaims.of(claims);

        assertEquals(1700000000L, plain.get("exp"));
        assertEquals(true, plain.get("mfa"));
        assertEquals(1.5, plain.get("score"));
        assertEquals(List.of("x", Map.of("y", Arrays.asList(1L, null))), plain.get("groups"));
        assertFalse(plain.containsKey("nothing"), "a null claim carries nothing");
        List<?> groups = assertInstanceOf(List.class, plain.get("groups"));
        assertThrows(UnsupportedOperationException.class, () -> groups.remove(0));
    }

    @Test
    void datesBecomeEpochSeconds() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(new Date(1_700_000_000_000L)).build();

        assertEquals(1700000000L, PlainClaims.of(claims).get("iat"));
    }

    @Test
    void withoutNullsCopiesOnlyTheTopLevel() {
        List<Object> nested = Collections.unmodifiableList(Arrays.asList(1L, null));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("keep", nested);
        object.put("drop", null);

        Map<String, Object> plain = PlainClaims.withoutNulls(object);

        assertEquals(PlainClaims.ofObject(object), plain);
        assertFalse(plain.containsKey("drop"));
        assertSame(nested, plain.get("keep"));
        assertThrows(UnsupportedOperationException.class, () -> plain.put("x", 1L));

        object.remove("drop");
        Map<String, Object> nothingToDrop = PlainClaims.withoutNulls(object);
        assertEquals(Map.of("keep", nested), nothingToDrop);
        assertSame(nested, nothingToDrop.get("keep"));
        assertThrows(UnsupportedOperationException.class, nothingToDrop::clear);
    }
}
