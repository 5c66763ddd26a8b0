package io.portcullis.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What build.properties holds in a build that knew nothing: a source tarball, or no git binary. */
class BuildInfoTest {

    private static Properties props(String version, String commit) {
        Properties p = new Properties();
        if (version != null) {
            p.setProperty("version", version);
        }
        if (commit != null) {
            p.setProperty("commit", commit);
        }
        return p;
    }

    @Test
    void filteredValuesAreUsedAsTheyAre() {
        BuildInfo b = BuildInfo.from(props("1.2.3", "0123456789ab"));
        assertEquals(new BuildInfo("1.2.3", "0123456789ab"), b);
        assertEquals("portcullis 1.2.3 (commit 0123456789ab)", b.describe());
    }

    @Test
    void anUnfilteredPlaceholderIsUnknownNotPrintedAsItIs() {
        assertEquals(new BuildInfo("1.2.3", "unknown"), BuildInfo.from(props("1.2.3", "${portcullis.commit}")));
        assertEquals(new BuildInfo("unknown", "unknown"), BuildInfo.from(props("${project.version}", "")));
    }

    @Test
    void aMissingFileIsUnknownToo() {
        assertEquals("portcullis unknown (commit unknown)", BuildInfo.from(new Properties()).describe());
    }
}
