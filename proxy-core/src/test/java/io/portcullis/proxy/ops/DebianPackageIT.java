package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.portcullis.proxy.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn package} leaves for people who install rather than build: the versioned jar, the
 * Debian package and their SHA-256 files. Runs after {@code package} (failsafe). The Debian tools
 * ({@code dpkg-deb}, {@code systemd-analyze}) are used where the machine has them; elsewhere those
 * checks are skipped with the reason.
 */
class DebianPackageIT {

    private static Path target;
    private static String version;
    private static Path deb;

    @BeforeAll
    static void locate() {
        target = Path.of(System.getProperty("portcullis.target", "target"));
        version = System.getProperty("portcullis.version", BuildInfo.current().version());
        deb = target.resolve("portcullis_" + version + "_all.deb");
    }

    private static void assumeDebBuilt() {
        assumeFalse(Boolean.getBoolean("portcullis.skipDeb"), "the .deb was not built (-DskipDeb=true)");
    }

    @Test
    void versionedJarIsTheShadedJarWithAChecksumFileSha256sumAccepts() throws Exception {
        Path jar = target.resolve("portcullis-" + version + ".jar");
        assertArrayEquals(Files.readAllBytes(target.resolve("portcullis.jar")), Files.readAllBytes(jar));
        assertChecksumFile(jar);
    }

    @Test
    void debHasAChecksumFileToo() throws Exception {
        assumeDebBuilt();
        assertChecksumFile(deb);
    }

    @Test
    void controlFieldsNameThePackageItsVersionAndItsJava() throws Exception {
        assumeDebBuilt();
        assumeTrue(HostTools.onPath("dpkg-deb"), "dpkg-deb is not installed (a Debian tool); the package's fields are not checked");
        String info = run(List.of("dpkg-deb", "--info", deb.toString()), Map.of()).out();
        assertTrue(info.contains("\n Package: portcullis\n"), info);
        assertTrue(info.contains("\n Version: " + version.replace("-SNAPSHOT", "~SNAPSHOT") + "\n"),
                "a snapshot sorts before its release (~): " + info);
        assertTrue(info.contains("\n Architecture: all\n"), info);
        assertTrue(info.contains("\n Depends: java17-runtime-headless"), info);
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertTrue(info.matches("(?s).*\\n\\s+\\d+ bytes,\\s+\\d+ lines\\s+\\*\\s+" + script + "\\s+#!/bin/sh\\n.*"),
                    script + " is an executable shell script: " + info);
        }
        String conffiles = run(List.of("dpkg-deb", "--info", deb.toString(), "conffiles"), Map.of()).out();
        assertEquals(List.of("/etc/portcullis/portcullis.yaml", "/etc/default/portcullis"), conffiles.lines().toList(),
                "an upgrade keeps the operator's config");
    }

    @Test
    void contentsAreTheJarLauncherUnitConfigAndLicence() throws Exception {
        assumeDebBuilt();
        assumeTrue(HostTools.onPath("dpkg-deb"), "dpkg-deb is not installed (a Debian tool); the package's contents are not checked");
        String contents = run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of()).out();
        Map<String, String> expected = Map.of(
                "./usr/share/portcullis/portcullis.jar", "-rw-r--r-- root/root",
                "./usr/bin/portcullis", "-rwxr-xr-x root/root",
                "./lib/systemd/system/portcullis.service", "-rw-r--r-- root/root",
                "./etc/portcullis/portcullis.yaml", "-rw-r----- root/root",
                "./etc/default/portcullis", "-rw-r--r-- root/root",
                "./usr/share/doc/portcullis/copyright", "-rw-r--r-- root/root");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(contents.lines().anyMatch(l -> l.startsWith(e.getValue()) && l.endsWith(" " + e.getKey())),
                    e.getKey() + " as " + e.getValue() + " in:\n" + contents);
        }
        assertFalse(contents.contains("./tmp/") || contents.contains("./var/"), "nothing outside its own places");
    }

    /** The unpacked launcher runs the unpacked jar, and the packaged default config passes {@code check}. */
    @Test
    void unpackedLauncherRunsAndTheDefaultConfigIsValid(@TempDir Path root) throws Exception {
        Path tree = unpack(root);
        assertArrayEquals(Files.readAllBytes(target.resolve("portcullis.jar")),
                Files.readAllBytes(tree.resolve("usr/share/portcullis/portcullis.jar")));
        assertEquals(Files.readString(RepoFiles.path("LICENSE")),
                Files.readString(tree.resolve("usr/share/doc/portcullis/copyright")));
        Map<String, String> env = Map.of("PORTCULLIS_JAR", tree.resolve("usr/share/portcullis/portcullis.jar").toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        String launcher = tree.resolve("usr/bin/portcullis").toString();
        Result version = run(List.of(launcher, "--version"), env);
        assertEquals(0, version.code(), version.out());
        assertTrue(version.out().startsWith("portcullis " + DebianPackageIT.version + " (commit "), version.out());
        Result check = run(List.of(launcher, "check", "--config", tree.resolve("etc/portcullis/portcullis.yaml").toString()), env);
        assertEquals(0, check.code(), "the packaged default config is valid: " + check.out());
    }

    /** {@code systemd-analyze verify} has no complaint (its exit code stays 0 on parse errors: stderr tells). */
    @Test
    void systemdUnitVerifiesAndIsHardened(@TempDir Path root) throws Exception {
        Path tree = unpack(root);
        assumeTrue(HostTools.onPath("systemd-analyze"), "systemd-analyze is not installed; the unit is not verified");
        String unit = Files.readString(tree.resolve("lib/systemd/system/portcullis.service"));
        for (String line : List.of("ExecReload=/bin/kill -HUP $MAINPID", "User=portcullis", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "PrivateTmp=yes", "CapabilityBoundingSet=\n", "AmbientCapabilities=\n",
                "ExecStart=/usr/bin/portcullis serve --config /etc/portcullis/portcullis.yaml")) {
            assertTrue(unit.contains(line), "the unit has " + line.strip());
        }
        // verify checks that each Exec path exists: point them at the unpacked tree.
        Path copy = root.resolve("portcullis.service");
        Files.writeString(copy, unit.replace("/usr/bin/portcullis", tree.resolve("usr/bin/portcullis").toString()));
        Result verify = run(List.of("systemd-analyze", "verify", copy.toString()), Map.of());
        assertEquals(0, verify.code(), verify.out());
        assertEquals("", verify.err(), "no warning from systemd-analyze verify");
        Result security = run(List.of("systemd-analyze", "security", "--offline=yes", "--threshold=30", copy.toString()), Map.of());
        assertEquals(0, security.code(), "exposure within 3.0 (OK): " + security.out() + security.err());
    }

    private static Path unpack(Path root) throws Exception {
        assumeDebBuilt();
        assumeTrue(HostTools.onPath("dpkg-deb"), "dpkg-deb is not installed (a Debian tool); the package is not unpacked");
        Path tree = root.resolve("tree");
        Result x = run(List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), Map.of());
        assertEquals(0, x.code(), x.err());
        return tree;
    }

    private static void assertChecksumFile(Path file) throws Exception {
        Path sum = file.resolveSibling(file.getFileName() + ".sha256");
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(hex + "  " + file.getFileName(), Files.readString(sum, StandardCharsets.UTF_8).strip(),
                "the `sha256sum -c` format: hash, two spaces, name");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Path err = Files.createTempFile("portcullis-it", ".err");
        try {
            Process p = pb.redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
