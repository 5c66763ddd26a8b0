package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.portcullis.config.yaml.Node;
import io.portcullis.config.yaml.YamlNodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicPolicyTest {

    @ParameterizedTest(name = "allow {0} → public {1}")
    @CsvSource(delimiter = '|', value = {
            "{ public: true } | true",
            "{ public: false } | false",
            "{ public: 'true' } | false",
            "{ public: true, groups: [a] } | false",
            "{ groups: [a] } | false",
            "[public] | false",
    })
    void onlyAnAllowOfExactlyPublicTrueIsPublic(String allow, boolean expected) throws Exception {
        Node node = YamlNodes.parse(allow, "p.yaml");
        assertEquals(expected, PublicPolicy.isPublic(new PolicySpec("p", node, null, null, node.position())));
    }
}
