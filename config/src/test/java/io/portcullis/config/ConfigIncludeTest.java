package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** include: real files in a temp directory, loaded through {@link ConfigLoader#load}. */
class ConfigIncludeTest {

    static final String MAIN = """
            issuers:
              - id: corp
                issuer: https://idp.example.com
                jwks_uri: https://idp.example.com/jwks
                audiences: [portcullis]
            include: [policies/*.yaml, shared.yaml]
            routes:
              - id: main
                match: { path_prefix: /main }
                upstream: http://127.0.0.1:9001
                policy: users
            policies:
              users:
                allow: { authenticated: true }
            """;

    static final String TEAM_A = """
            conditions:
              corp-network: { source_ip: { in: [10.0.0.0/8] } }
            policies:
              team-a:
                allow: { condition: corp-network }
            routes:
              - id: a
                match: { host: "*.a.example", path_prefix: / }
                upstream: http://127.0.0.1:9002
                policy: team-a
            """;

    static final String TEAM_B = """
            routes:
              - id: b
                match: { path_prefix: /b }
                upstream: http://127.0.0.1:9003
                policy: shared
                shadow_policy: team-a
            """;

    static final String SHARED = """
            policies:
              shared:
                include: [users]
                allow: { groups: { has: staff } }
            """;

    @TempDir
    Path dir;

    /** Writes {@code text} to {@code name} under {@code dir}, creating directories; shared with the watcher test. */
    static Path write(Path dir, String name, String text) throws java.io.IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path write(String name, String text) throws Exception {
        return write(dir, name, text);
    }

    private Path team() throws Exception {
        write("policies/b.yaml", TEAM_B);
        write("policies/a.yaml", TEAM_A);
        write("policies/notes.txt", "not yaml, not matched");
        write("shared.yaml", SHARED);
        return write("portcullis.yaml", MAIN);
    }

    @Test
    void includedFilesAddPoliciesConditionsAndRoutesInIncludeOrder() throws Exception {
        Path main = team();
        PortcullisConfig c = ConfigLoader.load(main);

        assertEquals(List.of("main", "a", "b"), c.routes().stream().map(RouteConfig::id).toList());
        assertEquals(List.of("users", "team-a", "shared"), List.copyOf(c.policies().keySet()));
        assertEquals(List.of("corp-network"), List.copyOf(c.conditions().keySet()));
        assertEquals("team-a", c.routes().get(2).access().shadowPolicy());
        assertEquals(List.of("users"), c.policies().get("shared").include().stream().map(n -> n.value()).toList());
        assertEquals(List.of(main, dir.resolve("policies/a.yaml"), dir.resolve("policies/b.yaml"),
                dir.resolve("shared.yaml")), c.sources());
        // positions keep the file each value came from
        assertEquals(dir.resolve("policies/a.yaml").toString(), c.routes().get(1).position().file());
    }

    @Test
    void theHashCoversEveryFileAndEqualsTheFileHashWithoutIncludes() throws Exception {
        Path main = team();
        String before = ConfigLoader.load(main).sha256();
        List<String> hashes = Stream.of("portcullis.yaml", "policies/a.yaml", "policies/b.yaml", "shared.yaml")
                .map(n -> ConfigLoader.sha256(read(dir.resolve(n)))).toList();
        assertEquals(ConfigLoader.combinedSha256(hashes), before);

        write("shared.yaml", SHARED.replace("staff", "staff2"));
        assertTrue(!before.equals(ConfigLoader.load(main).sha256()), "an included file's edit must change the hash");

        Path single = write("single.yaml", MAIN.replace("include: [policies/*.yaml, shared.yaml]\n", ""));
        assertEquals(ConfigLoader.sha256(read(single)), ConfigLoader.load(single).sha256());
        assertEquals(List.of(single), ConfigLoader.load(single).sources());
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aGlobThatMatchesNothingIsFineButAMissingLiteralFileIsNot() throws Exception {
        write("policies/.keep", "");
        write("shared.yaml", SHARED);
        Path main = write("portcullis.yaml", MAIN);
        assertEquals(List.of("main"), ConfigLoader.load(main).routes().stream().map(RouteConfig::id).toList());

        Files.delete(dir.resolve("shared.yaml"));
        assertEquals(List.of(main + ":6:28: include[1]: 'shared.yaml': file not found"), problems(main));
    }

    @Test
    void anEmptyIncludedFileAddsNothing() throws Exception {
        write("shared.yaml", "");
        Path main = write("portcullis.yaml", MAIN.replace("policies/*.yaml, ", ""));
        PortcullisConfig c = ConfigLoader.load(main);
        assertEquals(List.of("main"), c.routes().stream().map(RouteConfig::id).toList());
        assertEquals(List.of(main, dir.resolve("shared.yaml")), c.sources());
    }

    @Test
    void aFileNamedTwiceOrTheMainFileItselfIsReadOnce() throws Exception {
        write("shared.yaml", SHARED);
        Path main = write("portcullis.yaml", MAIN.replace("[policies/*.yaml, shared.yaml]",
                "[shared.yaml, '*.yaml', ./shared.yaml]"));
        assertEquals(List.of(main, dir.resolve("shared.yaml")), ConfigLoader.load(main).sources());
    }

    @Test
    void anInvalidGlobIsAnErrorAtItsEntry() throws Exception {
        Path main = write("portcullis.yaml", MAIN.replace("[policies/*.yaml, shared.yaml]", "['[a.yaml']"));
        assertEquals(List.of(main + ":6:11: include[0]: '[a.yaml': invalid glob"), problems(main));
    }

    record Case(String name, String mainEdit, String fileName, String fileText, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> errors() {
        return Stream.of(
                new Case("a policy id declared in two files", "", "shared.yaml",
                        "policies:\n  users: { allow: { public: true } }\n",
                        List.of("shared.yaml:2:3: policies.users: duplicate policy id 'users' (already declared at"
                                + " MAIN:13:3)")),
                new Case("a route id declared in two files", "", "shared.yaml",
                        "routes:\n  - id: main\n    match: { path: /x }\n    upstream: http://127.0.0.1:1\n"
                                + "    policy: users\n",
                        List.of("shared.yaml:2:9: routes[0].id: duplicate route id 'main' (already used by"
                                + " routes[0].id at MAIN:8:9)")),
                new Case("a main-file key in an included file", "", "shared.yaml", "listen: 127.0.0.1:1\n",
                        List.of("shared.yaml:1:1: listen: an included file may only declare policies, conditions,"
                                + " routes; 'listen' belongs in the main file")),
                new Case("an include in an included file", "", "shared.yaml", "include: [x.yaml]\n",
                        List.of("shared.yaml:1:1: include: only the main file may include other files")),
                new Case("a YAML error in an included file", "", "shared.yaml", "policies: {a: 1\n",
                        List.of("shared.yaml:1:11: invalid YAML: '{' is never closed (a missing '}')")),
                new Case("a glob in a directory", "include: [policies/*.yaml, shared.yaml]",
                        "shared.yaml", "", List.of("MAIN:6:11: include[0]: 'p*/*.yaml': a glob may only be used in the"
                                + " file name, not in directories")),
                new Case("problems are listed file by file", "", "shared.yaml",
                        "policies:\n  users: { allow: { public: true } }\n",
                        List.of("MAIN:10:15: routes[0].upstream: URL 'ftp://x' must start with http:// or https://",
                                "shared.yaml:2:3: policies.users: duplicate policy id 'users' (already declared at"
                                        + " MAIN:13:3)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsEachProblemInItsOwnFile(Case c) throws Exception {
        write(c.fileName(), c.fileText());
        String main = MAIN.replace("include: [policies/*.yaml, shared.yaml]", "include: [shared.yaml]");
        if (c.mainEdit().startsWith("include")) {
            main = MAIN.replace(c.mainEdit(), "include: [p*/*.yaml, shared.yaml]");
        }
        if (c.name().startsWith("problems")) {
            main = main.replace("http://127.0.0.1:9001", "ftp://x");
        }
        Path mainFile = write("portcullis.yaml", main);
        List<String> expected = c.expected().stream()
                .map(s -> s.replace("MAIN", mainFile.toString())
                        .replace("shared.yaml:", dir.resolve("shared.yaml") + ":"))
                .toList();
        List<String> actual = problems(mainFile);
        assertEquals(expected, actual);
    }

    private static List<String> problems(Path main) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(main));
        return e.problems().stream().map(ConfigProblem::format).toList();
    }
}
