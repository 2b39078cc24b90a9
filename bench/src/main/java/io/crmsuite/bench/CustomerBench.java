package io.crmsuite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * customer-service: create-customer and record-purchase throughput and latency, then search latency with
 * 1,000,000 customers in the table (seeded in SQL, removed afterwards).
 */
final class CustomerBench {

    private CustomerBench() {
    }

    static void run(String baseUrl, String jdbcUrl, int threads, int calls) throws Exception {
        System.out.printf("customer-service at %s, %d client threads%n%n", baseUrl, threads);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        Load.Result create = Load.run("POST /customers", threads, calls, s -> s == 201, i -> {
            var response = Http.post(baseUrl + "/customers", customer("Bench " + run + " " + i, i), Map.of());
            if (response.statusCode() == 201) {
                ids.add(Http.field(response.body(), "id"));
            }
            return response.statusCode();
        });
        System.out.println(create.line());
        Load.Result purchase = Load.run("POST /customers/{id}/purchases", threads, calls, s -> s == 201, i -> Http.post(
                baseUrl + "/customers/" + ids.get(i % ids.size()) + "/purchases",
                "{\"amount\": " + (10 + i % 500) + ".50, \"currency\": \"EUR\", \"margin\": 3.10, \"channel\": \"web\"}",
                Map.of()).statusCode());
        System.out.println(purchase.line());
        Load.Result read = Load.run("GET /customers/{id}", threads, calls, s -> s == 200,
                i -> Http.get(baseUrl + "/customers/" + ids.get(i % ids.size()), Map.of()).statusCode());
        System.out.println(read.line());

        System.out.printf("%nseeding 1,000,000 customers in PostgreSQL ...%n");
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            long start = System.nanoTime();
            seed(db, 1_000_000);
            System.out.printf("seeded in %.1f s%n%n", (System.nanoTime() - start) / 1e9);
            try {
                search(baseUrl);
            } finally {
                try (Statement st = db.createStatement()) {
                    st.execute("DELETE FROM customer WHERE 'bench-seed' = ANY(tags)");
                }
            }
        }
    }

    private static void search(String baseUrl) throws Exception {
        String[][] queries = {
                { "name prefix (Seed 4242)", "/customers?name=Seed%204242&limit=20" },
                { "exact e-mail", "/customers?email=seed.777777@example.com" },
                { "exact phone", "/customers?phone=%2B5511900777777" },
                { "tier=GOLD, first page of 50", "/customers?tier=GOLD&limit=50" },
                { "region=north, sort=updatedAt, page of 50", "/customers?region=north&sort=updatedAt&limit=50" },
                { "updatedSince (last day), page of 50", "/customers?updatedSince=" + java.time.Instant.now()
                        .minus(java.time.Duration.ofDays(1)) + "&sort=updatedAt&limit=50" },
                { "all customers, page of 100", "/customers?limit=100" },
        };
        for (String[] q : queries) {
            Load.Result r = Load.run("search: " + q[0], 1, 200, s -> s == 200, i -> Http.get(baseUrl + q[1], Map.of())
                    .statusCode());
            System.out.println(r.line());
        }
        // the 1,000th page costs what the first costs: keyset pagination
        String cursor = null;
        long[] pageTimes = new long[1000];
        for (int page = 0; page < 1000; page++) {
            String url = baseUrl + "/customers?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            long begin = System.nanoTime();
            String body = Http.get(url, Map.of()).body();
            pageTimes[page] = System.nanoTime() - begin;
            cursor = Http.field(body, "nextCursor");
        }
        System.out.printf(java.util.Locale.ROOT, "%-44s page 1: %.2f ms   page 500: %.2f ms   page 1000: %.2f ms%n",
                "search: walking 1,000 pages of 100", pageTimes[0] / 1e6, pageTimes[499] / 1e6, pageTimes[999] / 1e6);
    }

    private static void seed(Connection db, int count) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("""
                    INSERT INTO customer (id, kind, name, region, business_category, account_owner, tags, emails, phones,
                        contact_methods, tier, lifecycle_stage, created_at, updated_at, version)
                    SELECT gen_random_uuid(), (ARRAY['END_CUSTOMER','DISTRIBUTOR','PARTNER'])[1 + i % 3],
                        'Seed ' || i, (ARRAY['north','south','east','west'])[1 + i % 4], 'retail', 'rep' || (i % 50),
                        ARRAY['bench-seed'], ARRAY['seed.' || i || '@example.com'],
                        ARRAY['+5511900' || lpad(i::text, 6, '0')],
                        jsonb_build_array(jsonb_build_object('type', 'EMAIL', 'value', 'seed.' || i || '@example.com')),
                        (ARRAY['PLATINUM','GOLD','GOLD','IRON','IRON','IRON','LEAD','LEAD','LEAD','LEAD'])[1 + i % 10],
                        'PROSPECT', now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, 1
                    FROM generate_series(1, """ + count + ") AS i");
            st.execute("ANALYZE customer");
        }
    }

    private static String customer(String name, int i) {
        return """
                {"kind": "END_CUSTOMER", "name": "%s",
                 "contactMethods": [{"type": "EMAIL", "value": "bench%d@example.com"}, {"type": "PHONE", "value": "+5511987%06d"}],
                 "addresses": [{"type": "BILLING", "line1": "Rua A 1", "city": "Sao Paulo", "postalCode": "01000-000", "country": "BR"}],
                 "businessCategory": "retail", "region": "south", "accountOwner": "m.souza", "tags": ["bench"]}"""
                .formatted(name, i, i % 1_000_000);
    }
}
