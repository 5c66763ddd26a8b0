package io.portcullis.proxy.dev;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request of the dev-mode tour: what it shows, the request, and the status Portcullis answers.
 * The same list is printed for people and replayed by a test, so the printed tour can't rot.
 */
public record TourStep(String title, String path, Map<String, String> headers, int expectedStatus) {

    public TourStep {
        headers = Map.copyOf(headers);
    }

    /** The step as a curl command line against {@code base}. */
    public String curl(String base) {
        String h = headers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "-H '" + e.getKey() + ": " + e.getValue() + "' ")
                .collect(Collectors.joining());
        return "curl -i " + h + base + path;
    }
}
