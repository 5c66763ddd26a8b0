package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.portcullis.config.ConfigLoader;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.proxy.ConfigCompiler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Portcullis configs shown in the operator docs are real: every ```yaml block whose first line
 * is "# portcullis.yaml" loads and compiles (policies included) exactly as {@code serve} would.
 */
class DocConfigExamplesTest {

    private static final String MARKER = "```yaml\n# portcullis.yaml\n";

    static List<String> examples(String doc) {
        String text = RepoFiles.read(doc);
        List<String> blocks = new ArrayList<>();
        int at = text.indexOf(MARKER);
        while (at >= 0) {
            int start = at + "```yaml\n".length();
            int end = text.indexOf("\n```", start);
            blocks.add(text.substring(start, end + 1));
            at = text.indexOf(MARKER, end);
        }
        return blocks;
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/migrating.md"})
    void everyShownConfigCompiles(String doc) throws Exception {
        List<String> blocks = examples(doc);
        assertFalse(blocks.isEmpty(), doc + " shows at least one full config");
        for (int i = 0; i < blocks.size(); i++) {
            PortcullisConfig config = ConfigCompiler.compile(
                    ConfigLoader.parse(blocks.get(i), doc + "#example-" + (i + 1))).config();
            assertFalse(config.routes().isEmpty());
        }
        assertEquals(2, blocks.size(), "one oauth2-proxy and one Pomerium translation");
    }
}
