package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files a newcomer reads before adopting the project: the licence and where the poms declare it,
 * the changelog, the security policy, and CONTRIBUTING.md's module arrows and criterion recipe
 * checked against the poms and the policy sources they describe.
 */
class ProjectFilesTest {

    private static final List<String> MODULES = List.of("config", "policy", "identity", "proxy-core",
            "src-test-fixtures", "e2e", "benchmarks");

    @Test
    void licenseIsTheFullApacheLicense() {
        String license = RepoFiles.read("LICENSE");
        assertTrue(license.contains("Apache License\n                           Version 2.0, January 2004"));
        assertTrue(license.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"));
        assertTrue(license.contains("9. Accepting Warranty or Additional Liability."), "all nine sections");
        assertTrue(license.contains("END OF TERMS AND CONDITIONS"));
        assertTrue(license.length() > 11_000, "the whole text, not a notice: " + license.length());
    }

    @Test
    void theParentPomDeclaresTheLicenseAndNoModuleOverridesIt() throws Exception {
        Element parentLicense = only(pom("pom.xml"), "license");
        assertEquals("Apache-2.0", text(parentLicense, "name"));
        assertEquals("https://www.apache.org/licenses/LICENSE-2.0.txt", text(parentLicense, "url"));
        for (String module : MODULES) {
            Document pom = pom(module + "/pom.xml");
            assertEquals(0, pom.getElementsByTagName("licenses").getLength(), module + " inherits the licence");
            assertEquals("portcullis-parent", text((Element) pom.getElementsByTagName("parent").item(0), "artifactId"),
                    module + " has the parent pom as parent");
        }
    }

    @Test
    void changelogHasAnUnreleasedSectionThatSaysWhatIsNew() {
        String changelog = RepoFiles.read("CHANGELOG.md");
        assertTrue(changelog.contains("[Keep a Changelog](https://keepachangelog.com/"));
        int unreleased = changelog.indexOf("\n## [Unreleased]\n");
        assertTrue(unreleased > 0, "an Unreleased section");
        int next = changelog.indexOf("\n## ", unreleased + 1);
        String section = changelog.substring(unreleased, next < 0 ? changelog.length() : next);
        assertTrue(section.contains("\n### Added\n- "), "Unreleased lists what was added: " + section);
        for (Matcher m = Pattern.compile("\n### (\\w+)\n").matcher(section); m.find(); ) {
            assertTrue(Set.of("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security").contains(m.group(1)),
                    "Keep a Changelog's kinds of change only: " + m.group(1));
        }
    }

    @Test
    void securityPolicySaysHowToReportPrivately() {
        String security = RepoFiles.read("SECURITY.md");
        assertTrue(security.contains("## Reporting a vulnerability"));
        assertTrue(security.contains("Do not open a public issue"));
        assertTrue(security.contains("Report a vulnerability"));
        assertTrue(RepoFiles.read("CONTRIBUTING.md").contains("[SECURITY.md](SECURITY.md)"));
    }

    /** The arrows CONTRIBUTING.md draws are the dependencies the poms declare (test scope aside). */
    @Test
    void contributingModuleArrowsAreThePomDependencies() throws Exception {
        assertTrue(RepoFiles.read("CONTRIBUTING.md").contains("\nproxy-core → identity, policy → config\n"));
        assertEquals(Set.of(), portcullisDependencies("config"));
        assertEquals(Set.of("config"), portcullisDependencies("policy"));
        assertEquals(Set.of("config"), portcullisDependencies("identity"));
        Set<String> core = portcullisDependencies("proxy-core");
        assertTrue(core.containsAll(Set.of("config", "policy", "identity")), "proxy-core: " + core);
    }

    /** Every class and file the criterion recipe names exists where it says. */
    @Test
    void contributingCriterionRecipeNamesRealCode() {
        String doc = RepoFiles.read("CONTRIBUTING.md");
        int start = doc.indexOf("## How to add a policy criterion");
        assertTrue(start > 0);
        String recipe = doc.substring(start, doc.indexOf("\n## ", start + 1));
        String main = "policy/src/main/java/io/portcullis/policy/";
        List<String> missing = new ArrayList<>();
        Matcher names = Pattern.compile("`(?:(logic|compile)\\.)?([A-Z][A-Za-z]+)(?:\\.[A-Za-z]+)?`").matcher(recipe);
        int seen = 0;
        while (names.find()) {
            String type = names.group(2);
            if (type.startsWith("Tri") || type.equals("MapNode") || type.contains("Name")) {
                continue;
            }
            seen++;
            String dir = names.group(1) != null ? names.group(1) : null;
            boolean found = dir != null ? RepoFiles.exists(main + dir + "/" + type + ".java")
                    : RepoFiles.exists(main + "criteria/" + type + ".java") || RepoFiles.exists(main + "logic/" + type + ".java")
                            || RepoFiles.exists(main + "values/" + type + ".java")
                            || RepoFiles.exists("policy/src/test/java/io/portcullis/policy/testing/" + type + ".java");
            if (!found) {
                missing.add(type);
            }
        }
        assertTrue(seen >= 8, "the recipe names the classes to use: " + seen);
        assertEquals(List.of(), missing);
        assertTrue(RepoFiles.read(main + "criteria/CriterionRegistry.java").contains("public static CriterionRegistry standard()"));
        assertTrue(RepoFiles.read(main + "compile/RuleNodes.java").contains("singleOperator("));
    }

    private static Set<String> portcullisDependencies(String module) throws Exception {
        Set<String> deps = new TreeSet<>();
        NodeList list = pom(module + "/pom.xml").getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            if (!"io.portcullis".equals(text(d, "groupId")) || "test".equals(text(d, "scope"))) {
                continue;
            }
            deps.add(text(d, "artifactId").replace("portcullis-", "").replace("test-fixtures", "src-test-fixtures"));
        }
        deps.remove("src-test-fixtures");
        return deps;
    }

    private static Document pom(String path) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(RepoFiles.read(path).getBytes(StandardCharsets.UTF_8)));
    }

    private static Element only(Document doc, String tag) {
        NodeList list = doc.getElementsByTagName(tag);
        assertEquals(1, list.getLength(), "one <" + tag + ">");
        return (Element) list.item(0);
    }

    private static String text(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
    }
}
