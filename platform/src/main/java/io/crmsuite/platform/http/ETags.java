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
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(of(current))) {
                return;
            }
        }
        throw new ProblemException(Problem.ofField(412, "If-Match", "the resource changed since you read it: it is at "
                + of(current) + ", you sent " + ifMatch + "; read it again and reapply your change"));
    }
}
