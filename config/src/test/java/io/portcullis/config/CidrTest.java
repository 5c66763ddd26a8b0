package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/24, 192.168.1.77, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "192.168.1.77, 192.168.1.77, true",
            "192.168.1.77, 192.168.1.78, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "10.0.0.0/8, ::ffff:11.1.2.3, false",
            "10.0.0.0/8, ::1, false",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "::1/128, ::1, true",
            "::1, ::2, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 10.0.0.1, false",
            "[::1]/128, ::1, true",
    })
    void matches(String cidr, String address, boolean expected) throws Exception {
        assertEquals(expected, Cidr.parse(cidr).contains(InetAddress.getByName(address)));
    }

    @Test
    void hostBitsAreMaskedSoEqualNetworksAreEqual() {
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.1.2.3/8"));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.1.2.3/8").hashCode());
        assertFalse(Cidr.parse("10.0.0.0/8").equals(Cidr.parse("10.0.0.0/16")));
        assertEquals("10.1.2.3/8", Cidr.parse(" 10.1.2.3/8 ").toString());
    }

    @Test
    void nullAddressIsNeverContained() {
        assertFalse(Cidr.parse("0.0.0.0/0").contains(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "10.0.0.0/33", "::/129", "10.0.0/8", "256.0.0.1", "10.0.0.0/", "10.0.0.0/-1",
            "10.0.0.0/8/8", "example.com", "localhost", "fe80::1%eth0", "1.2.3.4.5", "::g"})
    void refusesBadInput(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @Test
    void parseAddressNeverResolvesNames() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseAddress("localhost"));
        assertTrue(Cidr.parseAddress("127.0.0.1").isLoopbackAddress());
        assertTrue(Cidr.parseAddress("[::1]").isLoopbackAddress());
    }
}
