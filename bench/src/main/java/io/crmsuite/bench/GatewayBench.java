package io.crmsuite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's cost: the same calls directly to the service and through the gateway, in one run, warm, and the
 * ratios; throughput from alternating rounds, added latency from paired calls, and the CPU each process spent per
 * call. Twice: with every process on every core, then with the gateway on a core of its own (pinned with taskset,
 * as on a host of its own). {@code CRM_BENCH_API_KEY} must be an admin key (bench/run.sh creates one).
 */
final class GatewayBench {

    private static final int ROUNDS = 4;
    /** Reads are cheap: this many per write keeps each read round long enough to measure. */
    private static final int READS_PER_WRITE = 5;

    private GatewayBench() {
    }

    static void run(String gatewayUrl, String customerUrl, String complaintUrl, String apiKey, int threads, int calls)
            throws Exception {
        if (apiKey == null) {
            throw new IllegalStateException("set CRM_BENCH_API_KEY to an admin key (bench/run.sh gateway does)");
        }
        Map<String, String> auth = Map.of("Authorization", "ApiKey " + apiKey);
        String created = Http.post(customerUrl + "/customers", "{\"kind\": \"END_CUSTOMER\", \"name\": \"Gateway Bench\"}",
                Map.of()).body();
        String id = Http.field(created, "id");
        String run = UUID.randomUUID().toString().substring(0, 6);
        int reads = calls * READS_PER_WRITE;
        System.out.printf("gateway at %s, %d client threads; throughput: %d reads and %d writes per side in %d rounds, "
                + "each side first in every other round (after a warm-up); latency: half as many calls per side, each "
                + "thread alternating direct and gateway calls%n%n", gatewayUrl, threads, reads, calls, ROUNDS);

        // a light client (raw kept-alive sockets): the JDK client would take more of the two cores than the calls
        Load.Call directGet = i -> RawHttp.get(customerUrl + "/customers/" + id, Map.of());
        Load.Call gatewayGet = i -> RawHttp.get(gatewayUrl + "/api/customers/" + id, auth);
        Load.Call directPost = i -> RawHttp.post(complaintUrl + "/complaints", complaint(run + "d", i), Map.of());
        Load.Call gatewayPost = i -> RawHttp.post(gatewayUrl + "/api/complaints", complaint(run + "g", i), auth);
        SuiteProcesses suite = SuiteProcesses.find();
        System.out.println("1. Every process on every core: whatever the gateway spends is taken from the service.\n");
        // reads first: the writes leave work behind (relay, analytics) that would weigh on whatever runs next
        awaitQuiet(suite);
        Load.run("warm-up", threads, reads, s -> true, directGet);
        Load.run("warm-up", threads, reads, s -> true, gatewayGet);
        compare(suite, "GET /customers/{id}", "GET /api/customers/{id}", "customer-service", threads, reads,
                s -> s == 200, directGet, gatewayGet);
        Load.run("warm-up", threads, calls / 2, s -> true, i -> directPost.run(i + 10_000_000));
        Load.run("warm-up", threads, calls / 2, s -> true, i -> gatewayPost.run(i + 10_000_000));
        compare(suite, "POST /complaints", "POST /api/complaints", "complaint-service", threads, calls,
                s -> s == 201, i -> directPost.run(i + 20_000_000), i -> gatewayPost.run(i + 20_000_000));

        if (suite == null || !SuiteProcesses.canPin()) {
            System.out.println("2. (skipped: pinning needs Linux, taskset, two CPUs and a suite started with ./crm up)");
            return;
        }
        try (SuiteProcesses.Pinning pinning = suite.pinGatewayApart()) {
            System.out.printf("2. The gateway apart, as on its own host: services, Kafka, MongoDB and PostgreSQL on CPU %s "
                    + "in both sides; the gateway and this client on CPU %s.%n%n", pinning.servicesCpus(),
                    pinning.gatewayCpus());
            awaitQuiet(suite);
            Load.run("warm-up", threads, reads / 4, s -> true, gatewayGet);
            compare(suite, "GET /customers/{id}", "GET /api/customers/{id}", "customer-service", threads, reads,
                    s -> s == 200, directGet, gatewayGet);
            awaitQuiet(suite);
            compare(suite, "POST /complaints", "POST /api/complaints", "complaint-service", threads, calls,
                    s -> s == 201, i -> directPost.run(i + 30_000_000), i -> gatewayPost.run(i + 30_000_000));
        }
    }

    private static void awaitQuiet(SuiteProcesses suite) throws InterruptedException {
        if (suite != null) {
            suite.awaitQuiet(180);
        }
    }

    /**
     * Direct and gateway calls in rounds, each side first in every other one, so that whatever drifts during the
     * run (the store growing, the relay and analytics catching up, another process) weighs on both sides alike;
     * the rounds are merged. With the suite's processes known, also the CPU each spent per call.
     */
    private static void compare(SuiteProcesses suite, String call, String publicCall, String service, int threads,
            int calls, java.util.function.IntPredicate ok, Load.Call direct, Load.Call gateway) throws Exception {
        List<Load.Result> directRounds = new ArrayList<>();
        List<Load.Result> gatewayRounds = new ArrayList<>();
        CpuUse directCpu = cpuUse(suite, service);
        CpuUse gatewayCpu = cpuUse(suite, service);
        int perRound = calls / ROUNDS;
        for (int r = 0; r < ROUNDS; r++) {
            int offset = r * perRound;
            // each side goes first in half of the rounds: a write leaves work behind (relay, analytics) that
            // slows whatever runs next
            if (r % 2 == 1) {
                gatewayRounds.add(gatewayCpu.measure(() -> Load.run("gateway " + publicCall, threads, perRound, ok,
                        i -> gateway.run(offset + i))));
            }
            directRounds.add(directCpu.measure(() -> Load.run("direct  " + call, threads, perRound, ok,
                    i -> direct.run(offset + i))));
            if (r % 2 == 0) {
                gatewayRounds.add(gatewayCpu.measure(() -> Load.run("gateway " + publicCall, threads, perRound, ok,
                        i -> gateway.run(offset + i))));
            }
        }
        Load.Result d = Load.merge(directRounds);
        Load.Result g = Load.merge(gatewayRounds);
        Load.Result[] paired = Load.paired("direct  " + call, "gateway " + publicCall, threads, calls / 2, ok,
                i -> direct.run(calls + i), i -> gateway.run(calls + i));
        System.out.println(d.throughputLine());
        System.out.println(g.throughputLine());
        System.out.println(paired[0].latencyLine());
        System.out.println(paired[1].latencyLine());
        System.out.printf(Locale.ROOT, "%-44s throughput %.1f%% of direct; latency added p50 %+.2f ms, p99 %+.2f ms%n",
                call + " through the gateway:", 100 * g.throughput() / d.throughput(), paired[1].p50ms() - paired[0].p50ms(),
                paired[1].p99ms() - paired[0].p99ms());
        if (suite != null) {
            System.out.println("  CPU per call, direct:  " + directCpu.perCallLine(d.calls()));
            System.out.println("  CPU per call, gateway: " + gatewayCpu.perCallLine(g.calls()));
        }
        System.out.println();
    }

    /** CPU seconds the gateway, the service, the rest of the suite and this client spend over measured rounds. */
    private static CpuUse cpuUse(SuiteProcesses suite, String service) {
        Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
        if (suite != null) {
            groups.put("gateway", suite.named("gateway"));
            groups.put(service, suite.named(service));
            groups.put("other services, Kafka, MongoDB, PostgreSQL", suite.servicesAndServersBut(service));
            groups.put("this client", List.of(ProcessHandle.current()));
        }
        return new CpuUse(groups);
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "WEB", "category": "BILLING", "severity": "LOW",
                 "description": "Charged twice", "source": "gw-bench-%s", "externalRef": "R-%d"}"""
                .formatted(i % 1_000_000, run, i);
    }
}
