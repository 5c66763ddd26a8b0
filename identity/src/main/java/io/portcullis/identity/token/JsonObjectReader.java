package io.portcullis.identity.token;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object (RFC 8259) into maps, lists, strings, booleans, nulls and numbers — a number
 * without fraction or exponent as a {@link Long} when it fits, else a {@link Double}: the shapes Nimbus's
 * own parser gives, so its {@code JWSHeader.parse} reads the result unchanged and {@link TokenClaims}
 * reads claims as {@code JWTClaimsSet.parse} did. It replaces Nimbus's Gson for the header and claims of every new token: Gson built a
 * reflective type token on each call and was a fifth of an uncached verification.
 *
 * <p>Stricter than Gson, never looser: a duplicate member name, a raw control character in a string,
 * nesting deeper than {@value #MAX_DEPTH}, a number that overflows a double, or anything after the object
 * is refused (a duplicate {@code sub} must not mean one thing here and another to the upstream).
 *
 * <p>{@link #parseWithImmutableValues} gives the same values with every nested object and array
 * already unmodifiable, so a token's claims are built once and never copied again.
 */
final class JsonObjectReader {

    /** Tokens nest two or three levels; anything near this is an attack on the parser. */
    static final int MAX_DEPTH = 32;

    private final String text;
    private final boolean immutableValues;
    private int pos;

    private JsonObjectReader(String text, boolean immutableValues) {
        this.text = text;
        this.immutableValues = immutableValues;
    }

    static Map<String, Object> parse(String json) throws ParseException {
        return parse(json, false);
    }

    /**
     * As {@link #parse}, but every object and array below the top level is unmodifiable (a
     * {@code LinkedHashMap} or {@code ArrayList} behind {@link Collections#unmodifiableMap} or
     * {@link Collections#unmodifiableList}, nulls inside kept). The top-level map stays modifiable.
     */
    static Map<String, Object> parseWithImmutableValues(String json) throws ParseException {
        return parse(json, true);
    }

    private static Map<String, Object> parse(String json, boolean immutableValues) throws ParseException {
        JsonObjectReader reader = new JsonObjectReader(json, immutableValues);
        reader.skipWhitespace();
        if (reader.peek() != '{') {
            throw reader.error("a JSON object");
        }
        Map<String, Object> object = reader.readObject(1);
        reader.skipWhitespace();
        if (reader.pos != json.length()) {
            throw reader.error("the end of the JSON text");
        }
        return object;
    }

    private Map<String, Object> readObject(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("less nesting");
        }
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return finished(object, depth);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("a member name");
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth);
            if (object.containsKey(name)) {
                throw error("no duplicate member \"" + name + "\"");
            }
            object.put(name, value);
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return finished(object, depth);
            }
            if (c != ',') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> readArray(int depth) throws ParseException {
        if (depth > MAX_DEPTH) {
            throw error("less nesting");
        }
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return finished(array);
        }
        while (true) {
            array.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return finished(array);
            }
            if (c != ',') {
                throw error("',' or ']'");
            }
        }
    }

    private Map<String, Object> finished(Map<String, Object> object, int depth) {
        return immutableValues && depth > 1 ? Collections.unmodifiableMap(object) : object;
    }

    private List<Object> finished(List<Object> array) {
        return immutableValues ? Collections.unmodifiableList(array) : array;
    }

    private Object readValue(int depth) throws ParseException {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                readLiteral("true");
                return Boolean.TRUE;
            case 'f':
                readLiteral("false");
                return Boolean.FALSE;
            case 'n':
                readLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("a JSON value");
        }
    }

    private String readString() throws ParseException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes, the string is a substring.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("no control character in a string");
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("no control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(readHex4());
                default -> throw error("a valid escape");
            }
        }
    }

    private char readHex4() throws ParseException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw error("four hex digits");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private Object readNumber() throws ParseException {
        int start = pos;
        boolean integral = true;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("a digit");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("an exponent");
            }
            skipDigits();
        }
        String number = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException tooLarge) {
                // Falls through to a double, as Nimbus's parser does.
            }
        }
        double d = Double.parseDouble(number);
        if (Double.isInfinite(d)) {
            throw error("a number a double can hold");
        }
        return d;
    }

    private void readLiteral(String literal) throws ParseException {
        if (!text.startsWith(literal, pos)) {
            throw error(literal);
        }
        pos += literal.length();
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) throws ParseException {
        if (next() != c) {
            throw error("'" + c + "'");
        }
    }

    /** The current char, or NUL at the end (never valid where it is looked at). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws ParseException {
        if (pos >= text.length()) {
            throw error("more JSON");
        }
        return text.charAt(pos++);
    }

    private ParseException error(String expected) {
        return new ParseException("invalid JSON: expected " + expected + " at " + pos, pos);
    }
}
