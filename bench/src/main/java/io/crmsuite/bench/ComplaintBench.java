package io.crmsuite.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;

/**
 * complaint-service: intake throughput and latency; then the cost of one breach scan (the scanner's query) with
 * 1,000,000 open complaints, in a scratch database on the same MongoDB server.
 */
final class ComplaintBench {

    private ComplaintBench() {
    }

    static void run(String baseUrl, String mongoUrl, int threads, int calls) throws Exception {
        System.out.printf("complaint-service at %s, %d client threads%n%n", baseUrl, threads);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Load.Result intake = Load.run("POST /complaints", threads, calls, s -> s == 201,
                i -> Http.post(baseUrl + "/complaints", complaint(run, i), Map.of()).statusCode());
        System.out.println(intake.line());
        Load.Result retry = Load.run("POST /complaints (retry, same externalRef)", threads, calls / 5, s -> s == 200,
                i -> Http.post(baseUrl + "/complaints", complaint(run, i), Map.of()).statusCode());
        System.out.println(retry.line());
        scanCost(mongoUrl, Integer.getInteger("openComplaints", 1_000_000));
    }

    /**
     * The scan reads the {@code sla_timers} collection (one tiny document per open complaint awaiting its warning or
     * deadline), then loads the due complaints by id. This seeds a million such timers in a scratch database on the
     * same server and times the scan's query with nothing due and with 500 due.
     */
    static void scanCost(String mongoUrl, int open) {
        try (MongoClient client = MongoClients.create(mongoUrl)) {
            MongoCollection<Document> timers = client.getDatabase("bench_scan").getCollection("sla_timers");
            timers.drop();
            timers.createIndex(Indexes.ascending("at"));
            System.out.printf("%nseeding %,d SLA timers of open complaints (scratch database bench_scan) ...%n", open);
            long begin = System.nanoTime();
            Date future = Date.from(Instant.now().plusSeconds(86_400));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < open; i++) {
                batch.add(new Document("_id", UUID.randomUUID().toString()).append("at", i < 500 ? new Date(0) : future));
                if (batch.size() == 10_000) {
                    timers.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            long[] took = new long[5];
            int due = 0;
            for (int i = 0; i < took.length; i++) {
                long t = System.nanoTime();
                due = timers.find(Filters.lte("at", new Date())).sort(Sorts.ascending("at")).limit(500)
                        .into(new ArrayList<>()).size();
                took[i] = System.nanoTime() - t;
            }
            java.util.Arrays.sort(took);
            System.out.printf("one breach scan over %,d open complaints (%d due): median %.0f ms, best %.0f ms (of 5)%n",
                    open, due, took[2] / 1e6, took[0] / 1e6);
            timers.drop();
        }
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "PHONE", "category": "DELIVERY", "severity": "HIGH",
                 "description": "Parcel arrived broken", "source": "bench-%s", "externalRef": "CC-%d",
                 "attributes": {"agentDesk": "7"}}""".formatted(i % 1_000_000, run, i);
    }
}
