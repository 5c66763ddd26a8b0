package io.portcullis.policy.criteria;

import io.portcullis.policy.Tri;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob} paths: {@code *} matches within one segment, {@code ?} one character of a segment,
 * and a whole segment {@code **} any number of segments (including none). Matched segment by
 * segment with the linear-backtracking wildcard algorithm, on indexes into the path, so neither a
 * regex engine nor any allocation is involved per request.
 */
final class PathGlob implements PathPattern {

    /** Marks a {@code **} segment. */
    private static final String ANY_SEGMENTS = "**";

    private final String[] segments;

    private PathGlob(String[] segments) {
        this.segments = segments;
    }

    /**
     * @throws IllegalArgumentException with a message for the operator when the glob is malformed
     */
    static PathGlob compile(String glob) {
        if (!glob.startsWith("/")) {
            throw new IllegalArgumentException("'" + glob + "' must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : glob.substring(1).split("/", -1)) {
            if (segment.contains("**") && !segment.equals(ANY_SEGMENTS)) {
                throw new IllegalArgumentException("'**' must be a whole path segment in '" + glob + "'");
            }
            segments.add(segment.equals(ANY_SEGMENTS) ? ANY_SEGMENTS : segment);
        }
        return new PathGlob(segments.toArray(new String[0]));
    }

    @Override
    public Tri test(String path) {
        return Tri.of(matches(path));
    }

    boolean matches(String path) {
        if (!path.startsWith("/")) {
            return false;
        }
        int n = path.length();
        int p = 0;             // next pattern segment
        int s = 1;             // start of the next path segment; n + 1 when none is left
        int starP = -1;        // pattern segment after the last ** seen
        int starS = -1;        // path position that ** has consumed up to
        while (s <= n) {
            int end = segmentEnd(path, s);
            if (p < segments.length && segments[p] == ANY_SEGMENTS) {
                starP = ++p;
                starS = s;
            } else if (p < segments.length && segmentMatches(segments[p], path, s, end)) {
                p++;
                s = end + 1;
            } else if (starP >= 0) {
                // let the last ** swallow one more segment and retry from there
                starS = segmentEnd(path, starS) + 1;
                s = starS;
                p = starP;
            } else {
                return false;
            }
        }
        while (p < segments.length && segments[p] == ANY_SEGMENTS) {
            p++;
        }
        return p == segments.length;
    }

    private static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }

    /** Wildcard match of one segment: {@code *} any run of characters, {@code ?} one character. */
    private static boolean segmentMatches(String glob, String path, int from, int to) {
        int g = 0;
        int i = from;
        int starG = -1;
        int starI = -1;
        while (i < to) {
            char c = g < glob.length() ? glob.charAt(g) : 0;
            if (g < glob.length() && (c == '?' || c == path.charAt(i)) && c != '*') {
                g++;
                i++;
            } else if (c == '*') {
                starG = ++g;
                starI = i;
            } else if (starG >= 0) {
                g = starG;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
