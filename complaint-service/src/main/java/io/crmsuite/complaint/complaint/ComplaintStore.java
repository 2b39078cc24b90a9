package io.crmsuite.complaint.complaint;

import java.util.function.Consumer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.result.UpdateResult;

import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Loads and saves complaints. A save is conditional on the revision that was read: two writers (an agent's
 * action and the SLA scanner, or two replicas) never overwrite each other; the loser reloads and tries again.
 */
@ApplicationScoped
public class ComplaintStore {

    private static final int ATTEMPTS = 5;

    public Complaint get(String id) {
        Complaint complaint = id == null ? null : Complaint.findById(id);
        if (complaint == null) {
            throw ProblemException.notFound("complaint " + id);
        }
        return complaint;
    }

    /**
     * Applies {@code change} to the current complaint and saves it if nobody else saved in between; otherwise
     * reloads and applies it again. {@code change} validates (and may refuse) against the state it is given.
     */
    public Complaint update(String id, Consumer<Complaint> change) {
        for (int attempt = 1; ; attempt++) {
            Complaint complaint = get(id);
            long read = complaint.revision;
            change.accept(complaint);
            complaint.revision = read + 1;
            if (replaceIfUnchanged(complaint, read)) {
                return complaint;
            }
            if (attempt == ATTEMPTS) {
                throw ProblemException.of(409, "the complaint is being changed by others right now; try again");
            }
        }
    }

    /** Writes {@code complaint} if the stored one is still at {@code readRevision}; false when someone was faster. */
    public boolean replaceIfUnchanged(Complaint complaint, long readRevision) {
        UpdateResult result = Complaint.collection()
                .replaceOne(Filters.and(Filters.eq("_id", complaint.id), Filters.eq("revision", readRevision)), complaint);
        return result.getMatchedCount() == 1;
    }
}
