package io.crmsuite.bench.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load through the gateway while faults come and go: customers, purchases, complaint intake, handling
 * (resolutions) and erasures, each write retried with its Idempotency-Key until the suite acknowledges it, as a
 * call center's integration would. What was acknowledged goes into the {@link Ledger}; every failed attempt is
 * counted against the phase (the fault) it happened in.
 */
final class Workload {

    private final Api api;
    private final Ledger ledger;
    private final int threads;
    private final long pauseMillis;
    /** phase -> HTTP status (0: no answer) -> how many times the clients saw it. */
    private final Map<String, Map<Integer, AtomicLong>> errorsByPhase = new ConcurrentHashMap<>();
    private volatile String phase = "warm-up";
    private volatile boolean issuing = true;
    private final List<Thread> workers = new ArrayList<>();

    Workload(Api api, Ledger ledger, int threads, long pauseMillis) {
        this.api = api;
        this.ledger = ledger;
        this.threads = threads;
        this.pauseMillis = pauseMillis;
    }

    void phase(String name) {
        phase = name;
    }

    /** The errors the clients saw during {@code phase}. */
    long errors(String phase) {
        return errorsByPhase.getOrDefault(phase, Map.of()).values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The errors of {@code phase} by status, e.g. "502 x3, 503 x4" (0: no answer at all). */
    String errorKinds(String phase) {
        return new java.util.TreeMap<>(errorsByPhase.getOrDefault(phase, Map.of())).entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue().get()).collect(java.util.stream.Collectors.joining(", "));
    }

    void start() {
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, "workload-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Stops issuing new writes; those in flight are retried until acknowledged (or {@code patienceMillis}). */
    void stop(long patienceMillis) throws InterruptedException {
        issuing = false;
        for (Thread t : workers) {
            t.join(patienceMillis);
        }
    }

    private void work() {
        while (issuing) {
            int dice = ThreadLocalRandom.current().nextInt(100);
            if (dice < 20) {
                newCustomer();
            } else if (dice < 50) {
                purchase();
            } else if (dice < 78) {
                complaint();
            } else if (dice < 96) {
                resolve();
            } else {
                erase();
            }
            sleep(pauseMillis);
        }
    }

    private void newCustomer() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("kind", "END_CUSTOMER", "name", "Fault " + key.substring(0, 8),
                "region", ThreadLocalRandom.current().nextBoolean() ? "south" : "north",
                "contactMethods", List.of(Map.of("type", "EMAIL", "value", "f" + key.substring(0, 8) + "@example.com")));
        Api.Answer answer = untilAcknowledged(() -> api.post("/api/customers", body, key));
        if (answer != null) {
            ledger.customers.add(answer.json().path("id").asText());
        }
    }

    private void purchase() {
        String customer = ledger.someLiveCustomer();
        if (customer == null) {
            return;
        }
        String key = UUID.randomUUID().toString();
        BigDecimal amount = BigDecimal.valueOf(100 + ThreadLocalRandom.current().nextInt(100_000), 2);
        Map<String, Object> body = Map.of("amount", amount, "currency", "EUR",
                "margin", amount.divide(BigDecimal.valueOf(4), 2, java.math.RoundingMode.DOWN), "channel", "web");
        Api.Answer answer = untilAcknowledged(() -> api.post("/api/customers/" + customer + "/purchases", body, key),
                410);
        if (answer != null && answer.ok()) {
            String id = answer.json().path("id").asText();
            ledger.purchases.put(id, new Ledger.Purchase(id, customer, amount));
        }
    }

    private void complaint() {
        String customer = ledger.someLiveCustomer();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("channel", "PHONE", "category", "DELIVERY",
                "severity", "HIGH", "description", "Parcel arrived broken", "source", "fault-suite",
                "externalRef", key, "contact", Map.of("phone", "+5511" + (900000000
                        + ThreadLocalRandom.current().nextInt(99_999_999)))));
        if (customer != null) {
            body.put("customerId", customer);
        }
        Api.Answer answer = untilAcknowledged(() -> api.post("/api/complaints", body, key));
        if (answer != null) {
            ledger.complaints.put(answer.json().path("id").asText(), customer == null ? "" : customer);
        }
    }

    private void resolve() {
        String complaint = ledger.someOpenComplaint();
        if (complaint == null || !ledger.resolved.add(complaint)) {
            return;
        }
        String key = UUID.randomUUID().toString();
        Api.Answer answer = untilAcknowledged(() -> api.post("/api/complaints/" + complaint + "/resolve",
                Map.of("resolutionCode", "REPLACED", "summary", "sent a new unit"), key));
        if (answer == null) {
            ledger.resolved.remove(complaint);
        }
    }

    private void erase() {
        String customer = ledger.someComplainant();
        if (customer == null || !ledger.erased.add(customer)) {
            return;
        }
        // a retry of an erasure that was done answers 410
        if (untilAcknowledged(() -> api.delete("/api/customers/" + customer), 410) == null) {
            ledger.erased.remove(customer);
        }
    }

    /**
     * Sends until a 2xx (or one of {@code alsoDone}) comes back; every other answer is an error seen by the client
     * in the current phase. Null when the run ended first.
     */
    private Api.Answer untilAcknowledged(java.util.function.Supplier<Api.Answer> call, int... alsoDone) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            Api.Answer answer = call.get();
            if (answer.ok() || java.util.Arrays.stream(alsoDone).anyMatch(s -> s == answer.status())) {
                return answer;
            }
            errorsByPhase.computeIfAbsent(phase, p -> new ConcurrentHashMap<>())
                    .computeIfAbsent(answer.status(), k -> new AtomicLong()).incrementAndGet();
            if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429 && answer.status() != 409) {
                System.err.println("the suite refused a write for good (" + answer.status() + "): " + answer.body());
                return null;
            }
            sleep(500);
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
