package io.portcullis.proxy.ops;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/** Reads the JSON files shipped for operators (realm, dashboard) with the JSON parser already on the classpath. */
final class JsonFiles {

    private JsonFiles() {
    }

    static Map<String, Object> loadFile(String relative) {
        try {
            return JSONObjectUtils.parse(RepoFiles.read(relative));
        } catch (ParseException e) {
            throw new AssertionError(relative + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The objects of a JSON array of objects, failing with the key when it is anything else. */
    static List<Map<String, Object>> objects(Object node, String what) {
        return Yamls.list(node, what).stream().map(o -> Yamls.map(o, what + "[]")).toList();
    }
}
