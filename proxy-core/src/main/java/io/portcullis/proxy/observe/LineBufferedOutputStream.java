package io.portcullis.proxy.observe;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered stream that never splits a write across two writes to its target: the buffer is written
 * out before a write that does not fit, and a write larger than the buffer goes out whole. It also
 * takes whole text lines ({@link #writeLine}), encoded straight into the buffer, so a decision line is
 * not first copied into an array of its own.
 */
final class LineBufferedOutputStream extends OutputStream {

    private final OutputStream out;
    private final byte[] buffer;
    private final char[] chars;
    private int count;

    LineBufferedOutputStream(OutputStream out, int size) {
        this.out = out;
        this.buffer = new byte[size];
        this.chars = new char[size];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            drain();
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.length - count) {
            drain();
        }
        if (len >= buffer.length) {
            out.write(b, off, len);
            return;
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /** {@code line}'s UTF-8 bytes and a {@code \n}, in one piece. */
    void writeLine(String line) throws IOException {
        int length = line.length();
        if (length + 1 > buffer.length - count) {
            drain();
        }
        if (length + 1 <= buffer.length) {
            line.getChars(0, length, chars, 0);
            if (AsciiChars.narrow(chars, length, buffer, count)) {
                buffer[count + length] = '\n';
                count += length + 1;
                return;
            }
            // Not ASCII: what was copied is overwritten below, through the JDK's encoder.
        }
        byte[] whole = DecisionLineEncoder.utf8Line(line);
        write(whole, 0, whole.length);
    }

    /**
     * A sealed decision line from its parts, in one piece: the first {@code jsonLength} bytes of
     * {@code json} (its UTF-8 without the closing brace), {@code seal} (the chain field, its value and
     * the closing {@code "}}), then a {@code \n}. Copied once, with no string in between.
     */
    void writeSealedLine(byte[] json, int jsonLength, byte[] seal) throws IOException {
        int length = jsonLength + seal.length + 1;
        if (length > buffer.length - count) {
            drain();
        }
        if (length > buffer.length) {
            // Longer than the buffer: written whole, straight after what the buffer held.
            out.write(json, 0, jsonLength);
            out.write(seal, 0, seal.length);
            out.write('\n');
            return;
        }
        System.arraycopy(json, 0, buffer, count, jsonLength);
        System.arraycopy(seal, 0, buffer, count + jsonLength, seal.length);
        buffer[count + length - 1] = '\n';
        count += length;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }
}
