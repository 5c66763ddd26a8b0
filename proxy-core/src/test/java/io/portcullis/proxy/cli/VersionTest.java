package io.portcullis.proxy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.proxy.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code --version} prints what Maven wrote into build.properties while building these classes: the
 * project's version and the commit git reports for this tree, or "unknown" where the tree has no git.
 */
class VersionTest {

    @Test
    void versionIsThePomsVersionAndTheCommitIsGitsHead() throws Exception {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.code());
        assertEquals("portcullis " + pomVersion() + " (commit " + expectedCommit() + ")\n", run.out());
        assertEquals(BuildInfo.current().describe() + "\n", run.out());
    }

    @Test
    void subcommandsPrintTheSameVersion() {
        assertEquals(CliRun.of("--version").out(), CliRun.of("serve", "--version").out());
    }

    /** The root pom's own version (the first {@code <version>} after the artifactId of the parent). */
    private static String pomVersion() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("proxy-core"))) {
            dir = dir.getParent();
        }
        String pom = Files.readString(dir.resolve("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<artifactId>portcullis-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find(), "the root pom has a version");
        return m.group(1);
    }

    /** What git says HEAD is, as the build asked it; "unknown" where git or .git is missing. */
    private static String expectedCommit() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(git.waitFor(30, TimeUnit.SECONDS));
            return git.exitValue() == 0 ? out : BuildInfo.UNKNOWN;
        } catch (IOException noGit) {
            return BuildInfo.UNKNOWN;
        }
    }
}
