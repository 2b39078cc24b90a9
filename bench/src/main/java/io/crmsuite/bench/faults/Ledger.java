package io.crmsuite.bench.faults;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Every write the suite acknowledged (2xx) during a run: what must still be there afterwards. */
final class Ledger {

    record Purchase(String id, String customerId, BigDecimal amount) {
    }

    final Set<String> customers = ConcurrentHashMap.newKeySet();
    final Map<String, Purchase> purchases = new ConcurrentHashMap<>();
    final Map<String, String> complaints = new ConcurrentHashMap<>(); // complaint -> customer
    final Set<String> resolved = ConcurrentHashMap.newKeySet();
    final Set<String> erased = ConcurrentHashMap.newKeySet();

    /** A customer not erased, or null before the first. */
    String someLiveCustomer() {
        List<String> live = customers.stream().filter(c -> !erased.contains(c)).limit(200).toList();
        return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
    }

    /** An open complaint, or null. */
    String someOpenComplaint() {
        List<String> open = complaints.keySet().stream().filter(c -> !resolved.contains(c)).limit(200).toList();
        return open.isEmpty() ? null : open.get(ThreadLocalRandom.current().nextInt(open.size()));
    }

    /** A live customer with at least one complaint, to erase: erasure must reach its complaints. */
    String someComplainant() {
        List<String> candidates = complaints.values().stream().filter(c -> !c.isEmpty() && !erased.contains(c))
                .distinct().limit(200).toList();
        return candidates.isEmpty() ? null : candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }

    long acknowledged() {
        return customers.size() + purchases.size() + complaints.size() + resolved.size() + erased.size();
    }
}
