package io.crmsuite.complaint.handling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.complaint.Enums.Status;
import io.crmsuite.platform.problem.ProblemException;

/** The handling actions and the states each is allowed in. */
public enum Actions {
    ACKNOWLEDGE, ASSIGN, HOLD, RESUME, RESOLVE, REOPEN, CLOSE, NOTES, SATISFACTION, LINK;

    /** The path segment of the action: {@code /complaints/{id}/acknowledge}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAllowedIn(Complaint c) {
        Status s = c.status;
        return switch (this) {
            case ACKNOWLEDGE -> s.isOpen() && c.acknowledgedAt == null;
            case ASSIGN, RESOLVE -> s.isOpen();
            case HOLD -> s == Status.RECEIVED || s == Status.ACKNOWLEDGED || s == Status.IN_PROGRESS;
            case RESUME -> s == Status.ON_HOLD;
            case REOPEN -> s == Status.RESOLVED || s == Status.CLOSED;
            case CLOSE -> s == Status.RESOLVED;
            case NOTES -> true;
            case SATISFACTION -> (s == Status.RESOLVED || s == Status.CLOSED) && c.satisfaction == null;
            case LINK -> c.customerMatch == CustomerMatch.UNMATCHED || c.customerMatch == CustomerMatch.UNKNOWN_CUSTOMER;
        };
    }

    public static List<String> allowedIn(Complaint c) {
        return Arrays.stream(values()).filter(a -> a.isAllowedIn(c)).map(Actions::path).toList();
    }

    /** 409 naming the actions that are allowed now, when this one is not. */
    public void require(Complaint c) {
        if (!isAllowedIn(c)) {
            throw ProblemException.conflict("'" + path() + "' is not allowed while the complaint is " + c.status
                    + (this == SATISFACTION && c.satisfaction != null ? " and already rated" : "")
                    + (this == ACKNOWLEDGE && c.acknowledgedAt != null ? " and already acknowledged" : "")
                    + (this == LINK ? " with customer match " + c.customerMatch : ""), allowedIn(c));
        }
    }
}
