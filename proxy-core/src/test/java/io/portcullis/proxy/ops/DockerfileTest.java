package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ops.DockerfileInstructions.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile, checked statically: no Docker engine runs where the tests run. */
class DockerfileTest {

    private static final String RUNTIME_JAR = "/app/portcullis.jar";

    private final List<Instruction> instructions = DockerfileInstructions.parse(RepoFiles.read("Dockerfile"));

    private List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        assertFalse(found.isEmpty(), "Dockerfile has no " + keyword);
        return found.get(found.size() - 1);
    }

    /** Instructions after the last FROM: what the runtime image is made of. */
    private List<Instruction> runtimeStage() {
        int from = instructions.lastIndexOf(last("FROM"));
        return instructions.subList(from + 1, instructions.size());
    }

    @Test
    void buildsWithMavenAndRunsOnAJre() {
        List<Instruction> froms = all("FROM");
        assertEquals(2, froms.size(), "a build stage and a runtime stage");
        assertEquals(List.of("maven:3.9-eclipse-temurin-17", "AS", "build"), froms.get(0).words());
        assertEquals(List.of("eclipse-temurin:17-jre"), froms.get(1).words());
    }

    @Test
    void everyCopiedSourceExistsAndIsInTheBuildContext() {
        DockerIgnore ignore = DockerIgnore.parse(RepoFiles.read(".dockerignore"));
        List<String> checked = new ArrayList<>();
        for (Instruction copy : all("COPY")) {
            List<String> words = copy.words();
            if (words.stream().anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            List<String> sources = words.subList(0, words.size() - 1).stream()
                    .filter(w -> !w.startsWith("--")).toList();
            for (String source : sources) {
                assertTrue(RepoFiles.exists(source), "COPY " + source + " (line " + copy.line() + ") is not in the repo");
                assertFalse(ignore.excludes(source), "COPY " + source + " is excluded by .dockerignore");
                checked.add(source);
            }
        }
        assertTrue(checked.contains("pom.xml"));
        assertTrue(checked.containsAll(reactorModules()),
                "every module of the root pom is copied into the build stage: " + checked);
    }

    /** The {@code <module>} entries of the root pom: a module the Dockerfile misses breaks the image build. */
    private static List<String> reactorModules() {
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(RepoFiles.read("pom.xml"));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertFalse(modules.isEmpty(), "the root pom lists its modules");
        return modules;
    }

    @Test
    void buildStagePackagesOnlyTheJarsModulesWithoutTests() {
        Instruction run = all("RUN").get(0);
        assertTrue(run.args().contains("mvn "), run.args());
        assertTrue(run.words().containsAll(List.of("-pl", "proxy-core", "-am", "package", "-DskipTests")),
                "builds proxy-core and what it needs, not the benchmarks: " + run.args());
    }

    @Test
    void dockerIgnoreKeepsBuildOutputAndGitOut() {
        DockerIgnore ignore = DockerIgnore.parse(RepoFiles.read(".dockerignore"));
        assertTrue(ignore.excludes("proxy-core/target/portcullis.jar"));
        assertTrue(ignore.excludes(".git/config"));
        assertFalse(ignore.excludes("proxy-core/src/main/java/io/portcullis/proxy/cli/Main.java"));
    }

    @Test
    void runtimeCopiesTheShadedJarTheBuildProduces() {
        Instruction jarCopy = runtimeStage().stream()
                .filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build"))
                .findFirst().orElseThrow(() -> new AssertionError("no COPY --from=build in the runtime stage"));
        assertEquals(List.of("--from=build", "/src/proxy-core/target/portcullis.jar", RUNTIME_JAR), jarCopy.words());
        assertEquals("/src", all("WORKDIR").get(0).args(), "the build stage builds in /src");
        String pom = RepoFiles.read("proxy-core/pom.xml");
        assertTrue(pom.contains("<outputFile>${project.build.directory}/portcullis.jar</outputFile>"),
                "proxy-core's shade plugin writes target/portcullis.jar");
    }

    @Test
    void runsAsANumericNonRootUser() {
        List<Instruction> users = runtimeStage().stream().filter(i -> i.keyword().equals("USER")).toList();
        assertEquals(1, users.size(), "one USER in the runtime stage");
        String[] uidGid = users.get(0).args().split(":");
        assertEquals(2, uidGid.length, "USER uid:gid");
        for (String id : uidGid) {
            assertTrue(id.matches("\\d+"), "numeric, so runAsNonRoot can verify it: " + id);
            assertNotEquals(0, Integer.parseInt(id), "not root");
        }
        int userAt = runtimeStage().indexOf(users.get(0));
        assertTrue(runtimeStage().subList(userAt + 1, runtimeStage().size()).stream()
                .noneMatch(i -> i.keyword().equals("RUN")), "nothing runs as root after USER");
    }

    @Test
    void entrypointIsJavaJarAndTheDefaultCommandServesTheMountedConfig() {
        List<String> entrypoint = last("ENTRYPOINT").execForm();
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of("-jar", RUNTIME_JAR), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(entrypoint.contains("-Djava.io.tmpdir=/tmp"), "temp files only under /tmp (read-only root)");
        List<String> cmd = last("CMD").execForm();
        assertEquals(List.of("serve", "--config", ComposeStack.portcullisConfigTarget()), cmd);
    }

    @Test
    void healthcheckProbesHealthzOnTheAdminPort() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        Instruction health = last("HEALTHCHECK");
        String cmdText = health.args().substring(health.args().indexOf("CMD ") + 4);
        List<String> cmd = DockerfileInstructions.json(cmdText, "HEALTHCHECK CMD");
        assertEquals(List.of("bash", "/app/healthcheck.sh", String.valueOf(config.admin().port()), "/healthz"), cmd);
        assertTrue(runtimeStage().stream().anyMatch(i -> i.keyword().equals("COPY")
                        && i.words().equals(List.of("deploy/docker/healthcheck.sh", "/app/healthcheck.sh"))),
                "the probe script is copied where HEALTHCHECK runs it");
    }

    @Test
    void exposesTheDataPlaneAndAdminPortsOfTheComposeConfig() throws Exception {
        PortcullisConfig config = ComposeStack.portcullisConfig();
        List<String> exposed = all("EXPOSE").stream().flatMap(i -> i.words().stream()).toList();
        assertTrue(exposed.contains(String.valueOf(config.listen().port())), "EXPOSE " + exposed);
        assertTrue(exposed.contains(String.valueOf(config.admin().port())), "EXPOSE " + exposed);
    }

    @Test
    void everySourceIsCopiedOnce() {
        List<String> copied = all("COPY").stream().filter(i -> !i.args().startsWith("--from="))
                .map(i -> i.words().get(0)).toList();
        assertEquals(copied.stream().distinct().toList(), copied, "a COPY repeated: " + copied);
    }

    /** The OCI annotations a registry and a scanner read; the version is the pom's. */
    @Test
    void runtimeImageHasOciLabels() {
        String labels = runtimeStage().stream().filter(i -> i.keyword().equals("LABEL")).map(Instruction::args)
                .reduce("", (a, b) -> a + " " + b);
        for (String key : List.of("title", "description", "licenses", "version", "revision", "base.name")) {
            assertTrue(labels.contains("org.opencontainers.image." + key + "="), "LABEL org.opencontainers.image." + key);
        }
        assertTrue(labels.contains("org.opencontainers.image.licenses=\"Apache-2.0\""), labels);
        Matcher version = Pattern.compile("<artifactId>portcullis-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(RepoFiles.read("pom.xml"));
        assertTrue(version.find());
        assertTrue(runtimeStage().stream().anyMatch(i -> i.keyword().equals("ARG")
                && i.args().equals("VERSION=" + version.group(1))), "ARG VERSION defaults to the pom's version");
        assertTrue(all("RUN").get(0).args().contains("-Dportcullis.commit=${VCS_REF}"),
                "the commit --version prints comes from the VCS_REF build argument");
    }

    /**
     * Heap (a share of the limit) + the direct-memory cap + the JVM's own memory (measured, in
     * docs/deployment.md) fit in the Kubernetes example's memory limit, and the docs show the same flags.
     */
    @Test
    void heapAndDirectMemoryCapsFitTheExampleMemoryLimit() {
        List<String> entrypoint = last("ENTRYPOINT").execForm();
        double heapPercent = Double.parseDouble(flag(entrypoint, "-XX:MaxRAMPercentage="));
        String direct = flag(entrypoint, "-XX:MaxDirectMemorySize=");
        assertTrue(direct.endsWith("m"), "direct cap in MiB: " + direct);
        int directMi = Integer.parseInt(direct.substring(0, direct.length() - 1));
        String doc = RepoFiles.read("docs/deployment.md");
        Matcher overhead = Pattern.compile("the JVM's own ~(\\d+) MiB").matcher(RepoFiles.read("Dockerfile"));
        assertTrue(overhead.find(), "the Dockerfile's comment states the JVM's own memory");
        int jvmMi = Integer.parseInt(overhead.group(1));
        assertTrue(doc.contains("| ~" + jvmMi + " Mi |"), "docs/deployment.md's memory table has the same figure");
        Matcher limit = Pattern.compile("limits:\\s*\n\\s*memory: (\\d+)Mi").matcher(RepoFiles.read("docs/deploy/kubernetes/deployment.yaml"));
        assertTrue(limit.find(), "the Kubernetes example sets a memory limit");
        int limitMi = Integer.parseInt(limit.group(1));
        double total = heapPercent / 100 * limitMi + directMi + jvmMi;
        assertTrue(total <= limitMi * 0.95, "heap " + heapPercent + "% + direct " + directMi + " Mi + JVM " + jvmMi
                + " Mi = " + total + " Mi must leave 5% of the " + limitMi + " Mi limit");
        assertTrue(doc.contains("-XX:MaxRAMPercentage=" + flag(entrypoint, "-XX:MaxRAMPercentage=") + " -XX:MaxDirectMemorySize=" + direct),
                "docs/deployment.md shows the entrypoint's flags");
    }

    private static String flag(List<String> args, String prefix) {
        return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("ENTRYPOINT has no " + prefix));
    }
}
