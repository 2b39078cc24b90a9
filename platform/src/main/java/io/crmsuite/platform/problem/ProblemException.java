package io.crmsuite.platform.problem;

import java.util.List;

/** Thrown by services to answer with a problem document; mapped as is by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badField(String field, String detail) {
        return new ProblemException(Problem.ofField(400, field, detail));
    }

    /** A request sent without the JSON body its operation needs; named {@code body}, never by a Java parameter. */
    public static ProblemException missingBody() {
        return badField("body", "a JSON body is required");
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not Found", what + " does not exist"));
    }

    public static ProblemException gone(String what) {
        return new ProblemException(Problem.of(410, "Gone", what));
    }

    public static ProblemException conflict(String detail, List<String> allowedActions) {
        return new ProblemException(new Problem("about:blank", "Conflict", 409, detail, null, null, allowedActions));
    }

    public static ProblemException of(int status, String detail) {
        return new ProblemException(Problem.of(status, Problem.titleOf(status), detail));
    }
}
