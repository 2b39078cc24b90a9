package io.crmsuite.complaint.complaint;

/**
 * A CDI event fired after a conditional save of a complaint succeeded: {@code complaint} as written, and the
 * aggregate version it was read at, so an observer tells what this write added (its events, its escalation steps)
 * from what was there before. Fired by the replica whose write won, once per write.
 */
public record ComplaintWritten(Complaint complaint, long readVersion) {
}
