package io.portcullis.identity.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeysTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsBase64AndBase64UrlKeysFirstOneSeals() throws Exception {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        java.util.Arrays.fill(a, (byte) 0xfb);
        java.util.Arrays.fill(b, (byte) 7);
        Path first = write("new.key", Base64.getEncoder().encodeToString(a) + "\n");
        Path second = write("old.key", Base64.getUrlEncoder().withoutPadding().encodeToString(b));

        SessionKeys keys = SessionKeys.read(List.of(first, second));

        assertTrue(java.util.Arrays.equals(a, keys.current().toByteArray()));
        String oldKid = SessionKeys.of(List.of(b)).current().getKeyID();
        assertTrue(java.util.Arrays.equals(b, keys.find(oldKid).toByteArray()));
        assertNotEquals(keys.current().getKeyID(), oldKid);
    }

    @Test
    void aFileOfOneKeyPerLineIsRefusedWithTheWayToRotate() throws Exception {
        String k1 = Base64.getEncoder().encodeToString(new byte[32]);
        String k2 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Path both = write("both.key", k1 + "\n" + k2 + "\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionKeys.read(List.of(both)));

        assertTrue(e.getMessage().contains("both.key holds more than one line"), e.getMessage());
        assertTrue(e.getMessage().contains("session_keys_file: [new.key, old.key]"), e.getMessage());
        assertFalse(e.getMessage().contains(k1), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithoutShowingIt() throws Exception {
        Path shortKey = write("short.key", "c2hvcnQta2V5LXZhbHVl");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionKeys.read(List.of(shortKey)));

        assertTrue(e.getMessage().contains("short.key"), e.getMessage());
        assertFalse(e.getMessage().contains("c2hvcnQta2V5LXZhbHVl"), e.getMessage());
    }

    @Test
    void aMissingFileOrNoKeyAtAllIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.read(List.of(dir.resolve("absent.key"))));
        assertThrows(IllegalArgumentException.class, () -> SessionKeys.read(List.of()));
    }
}
