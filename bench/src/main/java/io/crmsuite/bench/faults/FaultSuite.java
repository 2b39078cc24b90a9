package io.crmsuite.bench.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults under a steady load, then a check that nothing acknowledged was lost and nothing was counted twice. The
 * faults come in turn (see {@link Fault#plan}): replicas killed with SIGKILL and started again, servers stopped and
 * started again, or refusing connections; after each, the run waits for recovery (every replica ready, the backlog
 * the fault built drained) and reports how long it took and how many errors the clients saw. Prints a table and
 * exits 1 if anything was lost or double-counted, or did not recover.
 */
public final class FaultSuite {

    /** One fault as run: what, how long, errors the clients saw meanwhile, time to recovery after it was healed. */
    record Outcome(String fault, Duration length, long clientErrors, String errorKinds, Duration recovery) {
    }

    private FaultSuite() {
    }

    public static void run(String[] args, String gateway, String apiKey, String postgres, String mongodb, String kafka)
            throws Exception {
        int replicas = Fault.replicas();
        List<Fault> faults = Fault.plan(List.of(args).subList(1, args.length), replicas);
        Api api = new Api(gateway, apiKey);
        Ledger ledger = new Ledger();
        Workload load = new Workload(api, ledger, 4, 50);
        List<Outcome> outcomes = new ArrayList<>();
        try (Recovery recovery = new Recovery(readinessUrls(gateway, replicas), postgres, mongodb, kafka)) {
            Verification verification = new Verification(api, postgres, recovery.mongo(), kafka);
            long deadLettersBefore = verification.deadLetters();
            load.start();
            Thread.sleep(10_000);
            for (Fault fault : faults) {
                say("%s for %d s under load (%d writes acknowledged so far)", fault.name(), fault.length().toSeconds(),
                        ledger.acknowledged());
                load.phase(fault.name());
                fault.inject();
                try {
                    Thread.sleep(fault.length().toMillis());
                } finally {
                    fault.heal();
                }
                Duration recovered = recovery.await(Duration.ofMinutes(5), false);
                long errors = load.errors(fault.name());
                String kinds = load.errorKinds(fault.name());
                outcomes.add(new Outcome(fault.name(), fault.length(), errors, kinds, recovered));
                say("  recovered in %s; %d client errors meanwhile%s", recovered == null ? "NEVER (5 min)"
                        : String.format(Locale.ROOT, "%.1f s", recovered.toMillis() / 1000.0), errors,
                        errors == 0 ? "" : " (status " + kinds + ")");
                load.phase("between faults");
                Thread.sleep(5_000);
            }
            load.stop(120_000);
            Duration settled = recovery.await(Duration.ofMinutes(5), true);
            say("load stopped; %d writes acknowledged; settled in %s", ledger.acknowledged(),
                    settled == null ? "NEVER: " + recovery.recovered(0, true) : settled.toMillis() / 1000.0 + " s");
            List<Verification.Check> checks = verification.run(ledger, deadLettersBefore);
            boolean clean = report(replicas, ledger, outcomes, checks) && settled != null
                    && outcomes.stream().allMatch(o -> o.recovery() != null);
            System.exit(clean ? 0 : 1);
        }
    }

    /** The gateway's and every replica's readiness: replica k of a service listens on its port + 100 * (k - 1). */
    private static List<String> readinessUrls(String gateway, int replicas) {
        List<String> urls = new ArrayList<>(List.of(gateway + "/q/health/ready"));
        for (int port : List.of(8081, 8082, 8083, 8084)) {
            for (int k = 1; k <= replicas; k++) {
                urls.add("http://localhost:" + (port + 100 * (k - 1)) + "/q/health/ready");
            }
        }
        return urls;
    }

    private static boolean report(int replicas, Ledger ledger, List<Outcome> outcomes, List<Verification.Check> checks) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %10s %14s %16s   %s%n", "fault (" + replicas + " replicas per service)",
                "length", "client errors", "recovery", "errors by status (0: no answer)");
        for (Outcome o : outcomes) {
            System.out.printf(Locale.ROOT, "%-40s %8d s %14d %16s   %s%n", o.fault(), o.length().toSeconds(),
                    o.clientErrors(), o.recovery() == null ? "never" : String.format(Locale.ROOT, "%.1f s",
                            o.recovery().toMillis() / 1000.0), o.errorKinds());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-48s %8d%n", "faults injected", outcomes.size());
        System.out.printf(Locale.ROOT, "%-48s %8s%n", "longest time to full recovery", outcomes.stream()
                .filter(o -> o.recovery() != null).map(Outcome::recovery).max(Duration::compareTo)
                .map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)).orElse("-"));
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

    private static void say(String format, Object... args) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + String.format(Locale.ROOT, format, args));
    }
}
