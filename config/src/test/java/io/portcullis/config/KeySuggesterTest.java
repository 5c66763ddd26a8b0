package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    private static final List<String> KNOWN = List.of("listen", "admin", "issuers", "routes", "policies");

    @Test
    void suggestsTheClosestKeyWithinTwoEdits() {
        assertEquals(Optional.of("listen"), KeySuggester.suggest("lisen", KNOWN));
        assertEquals(Optional.of("routes"), KeySuggester.suggest("route", KNOWN));
        assertEquals(Optional.of("policies"), KeySuggester.suggest("polices", KNOWN));
        assertEquals(Optional.of("admin"), KeySuggester.suggest("amdin", KNOWN));
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertEquals(Optional.empty(), KeySuggester.suggest("upstreams", KNOWN));
        assertEquals(Optional.empty(), KeySuggester.suggest("x", KNOWN));
        assertEquals(Optional.empty(), KeySuggester.suggest("listen", List.of()));
    }

    @Test
    void distanceIsLevenshtein() {
        assertEquals(0, KeySuggester.distance("abc", "abc"));
        assertEquals(3, KeySuggester.distance("", "abc"));
        assertEquals(3, KeySuggester.distance("kitten", "sitting"));
        assertEquals(2, KeySuggester.distance("idel", "idle"));
    }
}
