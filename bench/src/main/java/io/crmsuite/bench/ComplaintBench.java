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
     * A scan reads the due ten-second buckets of {@code sla_timers} (each lists the complaints whose next check
     * falls in it), then loads those complaints by id. This seeds the buckets of a million open complaints spread
     * over the next 24 hours plus 500 due ones (with their complaint documents) in a scratch database on the same
     * server, and times the scan's reads.
     */
    static void scanCost(String mongoUrl, int open) {
        try (MongoClient client = MongoClients.create(mongoUrl)) {
            var db = client.getDatabase("bench_scan");
            MongoCollection<Document> buckets = db.getCollection("sla_timers");
            MongoCollection<Document> complaints = db.getCollection("complaints");
            buckets.drop();
            complaints.drop();
            System.out.printf("%nseeding the timers of %,d open complaints (scratch database bench_scan) ...%n", open);
            long begin = System.nanoTime();
            long now = Instant.now().getEpochSecond() / 10 * 10;
            int perBucket = (int) Math.ceil(open / 8640.0);
            List<Document> batch = new ArrayList<>();
            for (int b = 1; b <= 8640; b++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perBucket; i++) {
                    ids.add(UUID.randomUUID().toString());
                }
                batch.add(new Document("_id", now + 10L * b).append("ids", ids));
                if (batch.size() == 500) {
                    buckets.insertMany(batch);
                    batch.clear();
                }
            }
            buckets.insertMany(batch);
            List<String> due = new ArrayList<>();
            List<Document> dueComplaints = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String id = UUID.randomUUID().toString();
                due.add(id);
                dueComplaints.add(new Document("_id", id).append("status", "RECEIVED")
                        .append("nextSlaCheckAt", new Date(0)).append("description", "x".repeat(200)));
            }
            complaints.insertMany(dueComplaints);
            buckets.insertOne(new Document("_id", now - 10).append("ids", due));
            System.out.printf("seeded %,d buckets in %.1f s%n", 8641, (System.nanoTime() - begin) / 1e9);
            long[] took = new long[5];
            for (int r = 0; r < took.length; r++) {
                long t = System.nanoTime();
                int loaded = 0;
                for (Document bucket : buckets.find(Filters.lte("_id", now)).sort(Sorts.ascending("_id"))) {
                    for (String id : bucket.getList("ids", String.class)) {
                        loaded += complaints.find(Filters.eq("_id", id)).first() == null ? 0 : 1;
                    }
                }
                took[r] = System.nanoTime() - t;
                if (loaded != 500) {
                    throw new IllegalStateException("expected 500 due complaints, loaded " + loaded);
                }
            }
            java.util.Arrays.sort(took);
            System.out.printf("one breach scan over %,d open complaints, 500 due: median %.0f ms, best %.0f ms (of 5)%n",
                    open, took[2] / 1e6, took[0] / 1e6);
            buckets.drop();
            complaints.drop();
        }
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "PHONE", "category": "DELIVERY", "severity": "HIGH",
                 "description": "Parcel arrived broken", "source": "bench-%s", "externalRef": "CC-%d",
                 "attributes": {"agentDesk": "7"}}""".formatted(i % 1_000_000, run, i);
    }
}
