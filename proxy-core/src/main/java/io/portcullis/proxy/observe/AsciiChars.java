package io.portcullis.proxy.observe;

/**
 * The fast path of UTF-8 for decision lines, which are nearly always ASCII: characters taken from a
 * string or builder in one bulk {@code getChars}, then narrowed to bytes, where {@code charAt} would
 * check the index and the coder for every character.
 */
final class AsciiChars {

    private AsciiChars() {
    }

    /**
     * Writes the low byte of {@code chars[0, length)} to {@code into} from {@code offset}; true when
     * every character was ASCII, so those bytes are the text's UTF-8. When false the bytes written are
     * not UTF-8 and the caller encodes the text another way.
     */
    static boolean narrow(char[] chars, int length, byte[] into, int offset) {
        int seen = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            seen |= c;
            into[offset + i] = (byte) c;
        }
        return seen < 0x80;
    }
}
