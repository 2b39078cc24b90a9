package io.crmsuite.bench;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's cost: the same calls directly to the service and through the gateway, in one run, warm, and the
 * ratios. {@code CRM_BENCH_API_KEY} must be an admin key (bench/run.sh creates one).
 */
final class GatewayBench {

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
        System.out.printf("gateway at %s, %d client threads, %d calls per measurement (after a warm-up)%n%n",
                gatewayUrl, threads, calls);

        Load.Call directGet = i -> Http.get(customerUrl + "/customers/" + id, Map.of()).statusCode();
        Load.Call gatewayGet = i -> Http.get(gatewayUrl + "/api/customers/" + id, auth).statusCode();
        Load.Call directPost = i -> Http.post(complaintUrl + "/complaints", complaint(run + "d", i), Map.of()).statusCode();
        Load.Call gatewayPost = i -> Http.post(gatewayUrl + "/api/complaints", complaint(run + "g", i), auth).statusCode();

        Load.run("warm-up", threads, calls, s -> true, directGet);
        Load.run("warm-up", threads, calls, s -> true, gatewayGet);
        Load.run("warm-up", threads, calls / 2, s -> true, i -> directPost.run(i + 10_000_000));
        Load.run("warm-up", threads, calls / 2, s -> true, i -> gatewayPost.run(i + 10_000_000));

        compare("GET /customers/{id}", Load.run("direct  GET /customers/{id}", threads, calls, s -> s == 200, directGet),
                Load.run("gateway GET /api/customers/{id}", threads, calls, s -> s == 200, gatewayGet));
        compare("POST /complaints", Load.run("direct  POST /complaints", threads, calls, s -> s == 201, directPost),
                Load.run("gateway POST /api/complaints", threads, calls, s -> s == 201, gatewayPost));
    }

    private static void compare(String name, Load.Result direct, Load.Result gateway) {
        System.out.println(direct.line());
        System.out.println(gateway.line());
        System.out.printf(Locale.ROOT, "%-44s throughput %.1f%% of direct, p50 %+.2f ms, p99 %+.2f ms%n%n",
                name + " through the gateway:", 100 * gateway.throughput() / direct.throughput(),
                gateway.p50ms() - direct.p50ms(), gateway.p99ms() - direct.p99ms());
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "WEB", "category": "BILLING", "severity": "LOW",
                 "description": "Charged twice", "source": "gw-bench-%s", "externalRef": "R-%d"}"""
                .formatted(i % 1_000_000, run, i);
    }
}
