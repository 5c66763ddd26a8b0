package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprint the watcher compares with the loaded config: the same hash a load records, with or
 * without includes, and a main file that cannot mention {@code include} is not parsed for them.
 */
class SourceFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void aSingleFileConfigHasTheHashItsLoadRecords() throws Exception {
        Path main = Files.writeString(dir.resolve("portcullis.yaml"), """
                listen: 127.0.0.1:8080
                routes:
                  - id: app
                    match: { path_prefix: / }
                    upstream: http://127.0.0.1:9000
                    policy: public
                policies:
                  public:
                    allow: { public: true }
                """);
        SourceFingerprint fingerprint = SourceFingerprint.of(main);
        assertEquals(ConfigLoader.load(main).sha256(), fingerprint.sha256());
        assertEquals(Set.of(dir.toAbsolutePath()), fingerprint.directories());
    }

    /** ConfigIncludeTest's main file and the two it includes; returns the main file. */
    private Path configWithIncludes() throws Exception {
        ConfigIncludeTest.write(dir, "policies/a.yaml", ConfigIncludeTest.TEAM_A);
        ConfigIncludeTest.write(dir, "shared.yaml", ConfigIncludeTest.SHARED);
        return ConfigIncludeTest.write(dir, "portcullis.yaml", ConfigIncludeTest.MAIN);
    }

    @Test
    void aConfigWithIncludesHasTheCombinedHashItsLoadRecords() throws Exception {
        Path main = configWithIncludes();
        SourceFingerprint fingerprint = SourceFingerprint.of(main);
        assertEquals(ConfigLoader.load(main).sha256(), fingerprint.sha256());
        assertTrue(fingerprint.directories().contains(dir.resolve("policies").toAbsolutePath()));
    }

    @Test
    void anUnchangedMainFileIsNotParsedAgainButItsIncludesAreResolvedAgain() throws Exception {
        Path main = configWithIncludes();
        SourceFingerprint first = SourceFingerprint.of(main);
        long parses = SourceFingerprint.parses();

        assertEquals(first, SourceFingerprint.of(main));
        assertEquals(parses, SourceFingerprint.parses(), "the same bytes are not parsed twice");

        // A file added to an included directory: the main file is the same, the fingerprint is not.
        ConfigIncludeTest.write(dir, "policies/b.yaml", "policies:\n  team-b:\n    allow: { public: true }\n");
        SourceFingerprint added = SourceFingerprint.of(main);
        assertEquals(parses, SourceFingerprint.parses());
        assertNotEquals(first.sha256(), added.sha256());
        assertEquals(ConfigLoader.load(main).sha256(), added.sha256());

        // The main file changed: parsed again, and its new include list counts.
        Files.writeString(main, ConfigIncludeTest.MAIN.replace("shared.yaml", "extra/shared.yaml"));
        ConfigIncludeTest.write(dir, "extra/shared.yaml", ConfigIncludeTest.SHARED);
        SourceFingerprint changed = SourceFingerprint.of(main);
        assertEquals(parses + 1, SourceFingerprint.parses());
        assertTrue(changed.directories().contains(dir.resolve("extra").toAbsolutePath()));
        assertEquals(ConfigLoader.load(main).sha256(), changed.sha256());
    }

    @Test
    void onlyTheWordIncludeInAnyCaseSendsTheFileToTheParser() {
        assertTrue(SourceFingerprint.mentionsInclude(bytes("include:\n  - a.yaml\n")));
        assertTrue(SourceFingerprint.mentionsInclude(bytes("# INCLUDE nothing\n")));
        assertTrue(SourceFingerprint.mentionsInclude(bytes("x: include")));
        assertFalse(SourceFingerprint.mentionsInclude(bytes("includ: 1\nnclude: 2\n")));
        assertFalse(SourceFingerprint.mentionsInclude(bytes("")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
