package io.portcullis.proxy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.proxy.observe.DecisionChain;
import io.portcullis.proxy.observe.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/decision-log.md documents exactly the fields a decision line has, in the order they are
 * written (sealed into the hash chain, as the decision log writes them), and its sample line parses.
 */
class DecisionLogDocTest {

    private static final String DOC = "docs/decision-log.md";
    private static final Pattern FIELD_ROW = Pattern.compile("^\\| `([a-z_0-9]+)` \\|", Pattern.MULTILINE);

    @Test
    void documentsEveryFieldInWriteOrder() throws Exception {
        String json = new DecisionChain().seal(DecisionRecord.builder().time(Instant.EPOCH).requestId("r").route("route")
                .method("GET").path("/").sourceIp("127.0.0.1").via("forward-auth:nginx").issuer("corp").subject("sub").tokenRef("ref")
                .deviceId("dev").decision("allow").reasons(List.of("public")).policy("policy").rule("allow")
                .status(200).decisionMicros(1).latencyMicros(2).configSha256("sha").traceId("0af7651916cd43dd8448eb211c80319c")
                .build().toJson());
        List<String> written = new ArrayList<>(JSONObjectUtils.parse(json).keySet());
        String doc = RepoFiles.read(DOC);
        String table = doc.substring(doc.indexOf("| field |"), doc.indexOf("## `decision` and `status`"));
        List<String> documented = new ArrayList<>();
        Matcher m = FIELD_ROW.matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(written, documented);
    }

    @Test
    void sampleLineHasTheSameFields() throws Exception {
        String doc = RepoFiles.read(DOC);
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String sample = doc.substring(start, doc.indexOf("\n```", start));
        String json = new DecisionChain().seal(DecisionRecord.builder().time(Instant.EPOCH).requestId("r").route("route")
                .method("GET").path("/").sourceIp("127.0.0.1").decision("deny").reasons(List.of("token-missing"))
                .policy("policy").status(401).decisionMicros(1).latencyMicros(2).configSha256("sha").build().toJson());
        assertEquals(new ArrayList<>(JSONObjectUtils.parse(json).keySet()),
                new ArrayList<>(JSONObjectUtils.parse(sample).keySet()));
    }
}
