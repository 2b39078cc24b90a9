package io.crmsuite.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Store outages under a steady load, then a check that nothing acknowledged was lost and nothing was counted
 * twice. {@code faults SERVER=SECONDS ...}, e.g. {@code faults mongodb=120 kafka=120 postgresql=120}: each server
 * refuses and resets connections for that long (iptables), in turn, with the load running; after each, the run
 * waits for full recovery (services ready, outboxes empty, consumer groups caught up) and reports how long it took.
 * Prints a table and exits 1 if anything was lost or double-counted.
 */
public final class FaultSuite {

    private static final Map<String, Integer> PORTS = Map.of("mongodb", 27017, "kafka", 9092, "postgresql", 5432);

    /** One fault as run: what, how long, errors the clients saw meanwhile, time to full recovery. */
    record Outcome(String fault, Duration length, long clientErrors, Duration recovery) {
    }

    private FaultSuite() {
    }

    public static void run(String[] args, String gateway, String apiKey, String postgres, String mongodb, String kafka,
            List<String> readiness) throws Exception {
        Map<String, Duration> faults = parse(args);
        Injector.requireIptables();
        Api api = new Api(gateway, apiKey);
        Ledger ledger = new Ledger();
        Workload load = new Workload(api, ledger, 4, 50);
        List<Outcome> outcomes = new ArrayList<>();
        try (Recovery recovery = new Recovery(readiness, postgres, mongodb, kafka)) {
            Verification verification = new Verification(api, postgres, recovery.mongo(), kafka);
            long deadLettersBefore = verification.deadLetters();
            load.start();
            Thread.sleep(10_000);
            for (Map.Entry<String, Duration> fault : faults.entrySet()) {
                String name = fault.getKey() + " refusing connections";
                say("%s for %d s under load (%d writes acknowledged so far)", name, fault.getValue().toSeconds(),
                        ledger.acknowledged());
                load.phase(name);
                int port = PORTS.get(fault.getKey());
                Injector.refuse(port);
                try {
                    Thread.sleep(fault.getValue().toMillis());
                } finally {
                    Injector.restore(port);
                }
                Duration recovered = recovery.await(Duration.ofMinutes(5), false);
                long errors = load.errorsByPhase().getOrDefault(name, new java.util.concurrent.atomic.AtomicLong())
                        .get();
                outcomes.add(new Outcome(name, fault.getValue(), errors, recovered));
                say("  recovered in %s; %d client errors meanwhile", recovered == null ? "NEVER (5 min)"
                        : String.format(Locale.ROOT, "%.1f s", recovered.toMillis() / 1000.0), errors);
                load.phase("between faults");
                Thread.sleep(10_000);
            }
            load.stop(120_000);
            Duration settled = recovery.await(Duration.ofMinutes(5), true);
            say("load stopped; %d writes acknowledged; settled in %s", ledger.acknowledged(),
                    settled == null ? "NEVER: " + recovery.recovered(0, true) : settled.toMillis() / 1000.0 + " s");
            List<Verification.Check> checks = verification.run(ledger, deadLettersBefore);
            boolean clean = report(ledger, outcomes, checks) && settled != null
                    && outcomes.stream().allMatch(o -> o.recovery() != null);
            System.exit(clean ? 0 : 1);
        }
    }

    private static boolean report(Ledger ledger, List<Outcome> outcomes, List<Verification.Check> checks) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %10s %14s %16s%n", "fault", "length", "client errors", "full recovery");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-40s %8d s %14d %16s%n", o.fault(), o.length().toSeconds(),
                    o.clientErrors(), o.recovery() == null ? "never" : String.format(Locale.ROOT, "%.1f s",
                            o.recovery().toMillis() / 1000.0));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %8d%n", "faults injected", outcomes.size());
        System.out.printf(Locale.ROOT, "%-48s %8d   (customers %d, purchases %d, complaints %d, resolutions %d, "
                + "erasures %d)%n", "writes acknowledged (2xx)", ledger.acknowledged(), ledger.customers.size(),
                ledger.purchases.size(), ledger.complaints.size(), ledger.resolved.size(), ledger.erased.size());
        boolean clean = true;
        for (Verification.Check check : checks) {
            System.out.printf(Locale.ROOT, "%-48s %8d   %s%n", check.name(), check.problems(), check.detail());
            clean &= check.problems() == 0;
        }
        System.out.println(clean ? "\nNOTHING LOST, NOTHING COUNTED TWICE" : "\nFAILED: see the rows above");
        return clean;
    }

    private static Map<String, Duration> parse(String[] args) {
        Map<String, Duration> faults = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("=");
            if (parts.length != 2 || !PORTS.containsKey(parts[0])) {
                throw new IllegalArgumentException("a fault is SERVER=SECONDS with SERVER one of " + PORTS.keySet()
                        + ", got " + args[i]);
            }
            faults.put(parts[0], Duration.ofSeconds(Long.parseLong(parts[1])));
        }
        if (faults.isEmpty()) {
            faults.put("mongodb", Duration.ofSeconds(120));
            faults.put("kafka", Duration.ofSeconds(120));
            faults.put("postgresql", Duration.ofSeconds(120));
        }
        return faults;
    }

    private static void say(String format, Object... args) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + String.format(Locale.ROOT, format, args));
    }
}
