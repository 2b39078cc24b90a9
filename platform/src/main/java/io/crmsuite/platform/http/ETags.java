package io.crmsuite.platform.http;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

/** Strong ETags from a resource version, and the If-Match rules every update follows (428 / 412). */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Throws 428 when {@code ifMatch} is missing and 412 when it names another version than {@code current}.
     * {@code *} matches any existing version, as RFC 9110 says. A weak tag ({@code W/"3"}) never matches: If-Match
     * uses the strong comparison (RFC 9110, 13.1.1), since the client asks for no change at all since it read.
     */
    public static void requireMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.ofField(428, "If-Match",
                    "send the ETag of the version you are changing in If-Match, e.g. If-Match: " + of(current)));
        }
        String[] tags = ifMatch.split(",");
        for (String tag : tags) {
            String t = tag.trim();
            if (!t.equals("*") && !isEntityTag(t)) {
                // not "the resource changed" (412): the header cannot be read, and a retry would fail the same way
                throw new ProblemException(Problem.ofField(400, "If-Match", "'" + t + "' is not an entity tag: send "
                        + "the ETag as it came, quotes included, e.g. If-Match: " + of(current)));
            }
        }
        for (String tag : tags) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(of(current))) {
                return;
            }
        }
        throw new ProblemException(Problem.ofField(412, "If-Match", "the resource changed since you read it: it is at "
                + of(current) + ", you sent " + ifMatch + "; read it again and reapply your change"));
    }

    /** RFC 9110's entity-tag: an optional W/, then a quoted string without quotes inside. */
    private static boolean isEntityTag(String t) {
        String opaque = t.startsWith("W/") ? t.substring(2) : t;
        return opaque.length() >= 2 && opaque.charAt(0) == '"' && opaque.charAt(opaque.length() - 1) == '"'
                && opaque.indexOf('"', 1) == opaque.length() - 1;
    }
}
