package io.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.portcullis.config.HeaderTemplate.Literal;
import io.portcullis.config.HeaderTemplate.Placeholder;
import io.portcullis.config.HeaderTemplate.Source;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestHeadersBinderTest {

    private static final String BASE = ConfigLoaderErrorsTest.BASE;

    private static String withRules(String rules) {
        return BASE.replace("    policy: users\n", "    policy: users\n" + rules);
    }

    @Test
    void bindsSetTemplatesAndRemoveNamesInOrder() throws Exception {
        PortcullisConfig c = ConfigLoader.parse(withRules("""
                    request_headers:
                      set:
                        X-Grafana-Role: "{{ claims.grafana_role }}"
                        X-Who: "user={{identity.subject}}; dev={{ device.id }}"
                        X-Env: prod
                      remove: [X-Debug, x-internal-token]
                """), "f.yaml");
        RequestHeaderRules rules = c.routes().get(0).forwarding().requestHeaders();
        assertEquals(List.of("X-Grafana-Role", "X-Who", "X-Env"), List.copyOf(rules.set().keySet()));
        assertEquals(List.of(new Placeholder(Source.CLAIMS, "grafana_role")), rules.set().get("X-Grafana-Role").parts());
        assertEquals(List.of(new Literal("user="), new Placeholder(Source.IDENTITY, "subject"), new Literal("; dev="),
                new Placeholder(Source.DEVICE, "id")), rules.set().get("X-Who").parts());
        assertEquals(List.of(new Literal("prod")), rules.set().get("X-Env").parts());
        assertEquals(List.of("X-Debug", "x-internal-token"), rules.remove());
    }

    @Test
    void aRouteWithoutRulesHasNone() throws Exception {
        assertEquals(RequestHeaderRules.none(), ConfigLoader.parse(BASE, "f.yaml").routes().get(0).forwarding().requestHeaders());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "hop-by-hop set      | `    request_headers: { set: { Connection: x } }\n`"
            + " | `11:31: routes[0].request_headers.set.Connection: 'Connection' is a hop-by-hop header and cannot be set`",
        "hop-by-hop remove   | `    request_headers: { remove: [te] }\n`"
            + " | `11:33: routes[0].request_headers.remove[0]: 'te' is a hop-by-hop header and cannot be set`",
        "framing             | `    request_headers: { set: { Content-Length: '1' } }\n`"
            + " | `11:31: routes[0].request_headers.set.Content-Length: 'Content-Length' is reserved and cannot be set`",
        "request id          | `    request_headers: { set: { X-Request-Id: x } }\n`"
            + " | `11:31: routes[0].request_headers.set.X-Request-Id: 'X-Request-Id' is set by Portcullis itself and cannot be named by a header rule`",
        "assertion removed   | `    request_headers: { remove: [X-Portcullis-Assertion] }\n`"
            + " | `11:33: routes[0].request_headers.remove[0]: 'X-Portcullis-Assertion' is set by Portcullis itself and cannot be named by a header rule`",
        "forwarded-for       | `    request_headers: { set: { x-forwarded-for: '1.2.3.4' } }\n`"
            + " | `11:31: routes[0].request_headers.set.x-forwarded-for: 'x-forwarded-for' is set by Portcullis itself and cannot be named by a header rule`",
        "set and identity    | `    identity_headers: { X-User: sub }\n    request_headers: { set: { x-user: x } }\n`"
            + " | `12:31: routes[0].request_headers.set.x-user: header 'x-user' is already named by routes[0].identity_headers.X-User (names ignore case)`",
        "set and remove      | `    request_headers: { set: { X-A: x }, remove: [x-a] }\n`"
            + " | `11:50: routes[0].request_headers.remove[0]: header 'x-a' is already named by routes[0].request_headers.set.X-A (names ignore case)`",
        "unknown source      | `    request_headers: { set: { X-A: '{{ claim.email }}' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: unknown value 'claim.email' (did you mean 'claims'?); the sources are claims.*, identity.*, device.*, request.id and route.id`",
        "unknown identity    | `    request_headers: { set: { X-A: '{{ identity.subjet }}' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: unknown value 'identity.subjet' (did you mean 'identity.subject'?); identity has subject, issuer and issuer_id (read other claims as claims.<name>)`",
        "unclosed            | `    request_headers: { set: { X-A: 'a {{ claims.x' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: '{{' at character 3 is never closed by '}}'`",
        "no key              | `    request_headers: { set: { X-A: '{{ claims }}' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: '{{ claims }}' needs a name after 'claims.'`",
        "empty               | `    request_headers: { set: { X-A: '{{ }}' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: '{{ }}' names no value; write e.g. {{ claims.email }}`",
        "two names           | `    request_headers: { set: { X-A: '{{ claims.a claims.b }}' } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: '{{ claims.a claims.b }}' is not one name; write e.g. {{ claims.email }}`",
        "CR LF in literal    | `    request_headers: { set: { X-A: \"a\\r\\nX-Evil: 1\" } }\n`"
            + " | `11:36: routes[0].request_headers.set.X-A: contains a control character (U+000D), which a header value cannot carry`",
        "posture header      | `    request_headers: { set: { x-device-posture: forged } }\n`"
            + " | `7:5: routes[0].request_headers: 'x-device-posture' is the device-posture header; use pass_device_posture instead`",
        "unknown key         | `    request_headers: { add: { X-A: x } }\n`"
            + " | `11:24: routes[0].request_headers.add: unknown key 'add'`",
    })
    void refusesWithFileLineAndField(String name, String rules, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(withRules(rules.replace("\\n", "\n")), "f.yaml"));
        assertEquals(List.of("f.yaml:" + expected), e.problems().stream().map(ConfigProblem::format).toList());
    }

    @Test
    void requestAndRouteHaveOnlyAnId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeaderTemplate.parse("{{ route.name }}"));
        assertEquals("unknown value 'route.name'; route has only route.id", e.getMessage());
        assertEquals(List.of(new Placeholder(Source.REQUEST, "id"), new Literal("/"), new Placeholder(Source.ROUTE, "id")),
                HeaderTemplate.parse("{{request.id}}/{{ route.id }}").parts());
    }
}
