package io.portcullis.identity.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.portcullis.identity.AuthFailure;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

    private static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1");
    }

    @Test
    void acceptsJwtAccessTokenAndAbsentTypesCaseInsensitively() {
        assertNull(HeaderRules.check(rs256().build()));
        assertNull(HeaderRules.check(rs256().type(JOSEObjectType.JWT).build()));
        assertNull(HeaderRules.check(rs256().type(new JOSEObjectType("at+JWT")).build()));
        assertNull(HeaderRules.check(rs256().type(new JOSEObjectType("application/at+jwt")).build()));
    }

    @Test
    void refusesOtherTypes() {
        assertEquals(AuthFailure.TOKEN_TYPE_NOT_ALLOWED,
                HeaderRules.check(rs256().type(new JOSEObjectType("secevent+jwt")).build()));
        assertEquals(AuthFailure.TOKEN_TYPE_NOT_ALLOWED, HeaderRules.check(rs256().type(JOSEObjectType.JOSE).build()));
    }

    @Test
    void refusesHmacWhateverTheIssuerAllows() {
        JWSHeader hs256 = new JWSHeader.Builder(JWSAlgorithm.HS256).build();

        assertEquals(AuthFailure.ALGORITHM_NOT_ALLOWED, HeaderRules.check(hs256));
        assertFalse(HeaderRules.algorithmAllowed(hs256, List.of("HS256", "RS256")));
    }

    @Test
    void refusesAnyCriticalExtension() {
        JWSHeader crit = rs256().customParam("exp", 1).criticalParams(Set.of("exp")).build();

        assertEquals(AuthFailure.CRIT_UNSUPPORTED, HeaderRules.check(crit));
    }

    @Test
    void algorithmMustBeInTheIssuerAllowlistExactly() {
        assertTrue(HeaderRules.algorithmAllowed(rs256().build(), List.of("RS256")));
        assertFalse(HeaderRules.algorithmAllowed(rs256().build(), List.of("ES256", "rs256")));
        assertFalse(HeaderRules.algorithmAllowed(rs256().build(), List.of()));
    }
}
