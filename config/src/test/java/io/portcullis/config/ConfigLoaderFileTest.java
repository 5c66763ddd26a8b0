package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ConfigLoader#load} adds over parsing text: bytes, encoding, hashing, missing files. */
class ConfigLoaderFileTest {

    @Test
    void invalidUtf8IsReportedAtTheFirstBadByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        byte[] head = "listen: 127.0.0.1:1\nadmin: \"ab".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
        bytes[head.length + 1] = '"';
        Files.write(file, bytes);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":2:11: file is not valid UTF-8", e.getMessage());
    }

    @Test
    void aMissingFileIsAProblemNotACrash(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":1:1: file not found", e.getMessage());
    }

    @Test
    void theHashIsOfTheFileBytesAndALeadingBomIsAccepted(@TempDir Path dir) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = ConfigLoaderExampleTest.example();
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(body, 0, bytes, 3, body.length);
        Path file = dir.resolve("bom.yaml");
        Files.write(file, bytes);

        PortcullisConfig c = ConfigLoader.load(file);

        assertEquals(ConfigLoader.sha256(bytes), c.sha256());
        assertEquals(2, c.routes().size());
    }

    @Test
    void sha256IsHexOfTheDigest() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ConfigLoader.sha256(new byte[0]));
    }
}
