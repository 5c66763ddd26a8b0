package io.portcullis.proxy.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition parsed into series: each sample's name and labels, plus the family
 * names of the # TYPE lines.
 */
final class PrometheusScrape {

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");

    private final Map<String, List<Map<String, String>>> series;
    private final Set<String> families;

    private PrometheusScrape(Map<String, List<Map<String, String>>> series, Set<String> families) {
        this.series = series;
        this.families = families;
    }

    static PrometheusScrape parse(String text) {
        Map<String, List<Map<String, String>>> series = new HashMap<>();
        Set<String> families = new HashSet<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.find()) {
                    families.add(t.group(1));
                }
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (m.find()) {
                    labels.put(m.group(1), m.group(2));
                }
            }
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(labels);
        }
        return new PrometheusScrape(series, families);
    }

    Set<String> sampleNames() {
        return series.keySet();
    }

    boolean hasSample(String name) {
        return series.containsKey(name);
    }

    /**
     * True when the name is exported as a sample, or is the family of exported samples: docs may
     * name a histogram {@code x_seconds} whose samples are {@code x_seconds_bucket/_sum/_count}, or
     * a counter without its {@code _total}.
     */
    boolean exports(String name) {
        if (hasSample(name) || families.contains(name)) {
            return true;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_max", "_total")) {
            if (hasSample(name + suffix)) {
                return true;
            }
        }
        return false;
    }

    Set<String> labelNames(String metric) {
        Set<String> names = new HashSet<>();
        for (Map<String, String> labels : series.getOrDefault(metric, List.of())) {
            names.addAll(labels.keySet());
        }
        return names;
    }

    Set<String> labelValues(String metric, String label) {
        Set<String> values = new HashSet<>();
        for (Map<String, String> labels : series.getOrDefault(metric, List.of())) {
            if (labels.containsKey(label)) {
                values.add(labels.get(label));
            }
        }
        return values;
    }
}
