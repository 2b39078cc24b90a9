package io.crmsuite.bench;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's cost: the same calls directly to the service and through the gateway, in one run, warm, and the
 * ratios. {@code CRM_BENCH_API_KEY} must be an admin key (bench/run.sh creates one).
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
        System.out.printf("gateway at %s, %d client threads, %d reads and %d writes per side in %d rounds, each side "
                + "first in every other round (after a warm-up)%n%n", gatewayUrl, threads, reads, calls, ROUNDS);

        // a light client (raw kept-alive sockets): the JDK client would take more of the two cores than the calls
        Load.Call directGet = i -> RawHttp.get(customerUrl + "/customers/" + id, Map.of());
        Load.Call gatewayGet = i -> RawHttp.get(gatewayUrl + "/api/customers/" + id, auth);
        Load.Call directPost = i -> RawHttp.post(complaintUrl + "/complaints", complaint(run + "d", i), Map.of());
        Load.Call gatewayPost = i -> RawHttp.post(gatewayUrl + "/api/complaints", complaint(run + "g", i), auth);

        // reads first: the writes leave work behind (relay, analytics) that would weigh on whatever runs next
        Load.run("warm-up", threads, reads, s -> true, directGet);
        Load.run("warm-up", threads, reads, s -> true, gatewayGet);
        compare("GET /customers/{id}", "GET /api/customers/{id}", threads, reads, s -> s == 200, directGet, gatewayGet);
        Load.run("warm-up", threads, calls / 2, s -> true, i -> directPost.run(i + 10_000_000));
        Load.run("warm-up", threads, calls / 2, s -> true, i -> gatewayPost.run(i + 10_000_000));
        compare("POST /complaints", "POST /api/complaints", threads, calls, s -> s == 201, directPost, gatewayPost);
    }

    /**
     * Direct and gateway calls in rounds, each side first in every other one, so that whatever drifts during the
     * run (the store growing, the relay and analytics catching up, another process) weighs on both sides alike;
     * the rounds are merged.
     */
    private static void compare(String call, String publicCall, int threads, int calls, java.util.function.IntPredicate ok,
            Load.Call direct, Load.Call gateway) throws Exception {
        java.util.List<Load.Result> directRounds = new java.util.ArrayList<>();
        java.util.List<Load.Result> gatewayRounds = new java.util.ArrayList<>();
        int perRound = calls / ROUNDS;
        for (int r = 0; r < ROUNDS; r++) {
            int offset = r * perRound;
            // each side goes first in half of the rounds: a write leaves work behind (relay, analytics) that
            // slows whatever runs next
            if (r % 2 == 1) {
                gatewayRounds.add(Load.run("gateway " + publicCall, threads, perRound, ok, i -> gateway.run(offset + i)));
            }
            directRounds.add(Load.run("direct  " + call, threads, perRound, ok, i -> direct.run(offset + i)));
            if (r % 2 == 0) {
                gatewayRounds.add(Load.run("gateway " + publicCall, threads, perRound, ok, i -> gateway.run(offset + i)));
            }
        }
        Load.Result d = Load.merge(directRounds);
        Load.Result g = Load.merge(gatewayRounds);
        System.out.println(d.line());
        System.out.println(g.line());
        System.out.printf(Locale.ROOT, "%-44s throughput %.1f%% of direct, p50 %+.2f ms, p99 %+.2f ms%n%n",
                call + " through the gateway:", 100 * g.throughput() / d.throughput(), g.p50ms() - d.p50ms(),
                g.p99ms() - d.p99ms());
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "WEB", "category": "BILLING", "severity": "LOW",
                 "description": "Charged twice", "source": "gw-bench-%s", "externalRef": "R-%d"}"""
                .formatted(i % 1_000_000, run, i);
    }
}
