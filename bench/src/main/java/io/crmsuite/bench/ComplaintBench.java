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

    /** As complaint-service's {@code SlaTimers}: five-second buckets of 16 shards each. */
    private static final long BUCKET_SECONDS = 5;
    private static final int SHARDS = 16;

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
     * A scan reads the five-second buckets of {@code sla_timers} it has not finished, every one of their 16 shards
     * ({@code _id} = bucket second x 100 + shard, each lists the complaints whose next check falls in it) with one
     * {@code find} by {@code _id $in}, then loads the due complaints by id; every five minutes it reads all past
     * buckets instead. This seeds the buckets of a million open complaints spread over the next 24 hours plus 500
     * due ones (with their complaint documents) in a scratch database on the same server, and times both kinds of
     * scan's reads.
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
            long now = Instant.now().getEpochSecond() / BUCKET_SECONDS * BUCKET_SECONDS;
            int bucketCount = (int) (86_400 / BUCKET_SECONDS);
            int documents = bucketCount * SHARDS;
            List<Document> batch = new ArrayList<>();
            for (int b = 1; b <= bucketCount; b++) {
                long bucket = now + BUCKET_SECONDS * b;
                for (int shard = 0; shard < SHARDS; shard++) {
                    int d = (b - 1) * SHARDS + shard; // the open complaints, as evenly as they divide
                    int count = open / documents + (d < open % documents ? 1 : 0);
                    batch.add(new Document("_id", bucket * 100 + shard).append("due", entries(count, bucket * 1000)));
                    if (batch.size() == 500) {
                        buckets.insertMany(batch);
                        batch.clear();
                    }
                }
            }
            buckets.insertMany(batch);
            List<Document> due = entries(500, (now - BUCKET_SECONDS) * 1000);
            complaints.insertMany(due.stream().map(e -> new Document("_id", e.getString("id")).append("status", "RECEIVED")
                    .append("nextSlaCheckAt", new Date(e.getLong("at"))).append("description", "x".repeat(200))).toList());
            Map<Long, List<Document>> dueByShard = new java.util.TreeMap<>();
            for (Document e : due) {
                long key = (now - BUCKET_SECONDS) * 100 + Math.floorMod(e.getString("id").hashCode(), SHARDS);
                dueByShard.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
            dueByShard.forEach((key, entries) -> buckets.insertOne(new Document("_id", key).append("due", entries)));
            System.out.printf("seeded %,d bucket documents in %.1f s%n", documents + dueByShard.size(),
                    (System.nanoTime() - begin) / 1e9);
            // the scan's window: 30 s behind the last finished bucket (the previous one) up to the current one
            List<Long> window = new ArrayList<>();
            for (long b = now - BUCKET_SECONDS - 30; b <= now; b += BUCKET_SECONDS) {
                for (int shard = 0; shard < SHARDS; shard++) {
                    window.add(b * 100 + shard);
                }
            }
            java.util.function.Supplier<List<Document>> recentBuckets = () -> buckets.find(Filters.in("_id", window))
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>());
            System.out.printf("breach scan over %,d open complaints (median of 5):%n", open);
            System.out.printf("  each second, reading the due buckets:              %6.1f ms%n",
                    timeScan(recentBuckets, null));
            System.out.printf("  each second, and loading 500 due complaints:       %6.1f ms%n",
                    timeScan(recentBuckets, complaints));
            System.out.printf("  every five minutes, reading all past buckets:      %6.1f ms%n",
                    timeScan(() -> buckets.find(Filters.lt("_id", (now + BUCKET_SECONDS) * 100))
                            .sort(Sorts.ascending("_id")).into(new ArrayList<>()), null));
            buckets.drop();
            complaints.drop();
        }
    }

    private static List<Document> entries(int count, long atMillis) {
        List<Document> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new Document("id", UUID.randomUUID().toString()).append("at", atMillis));
        }
        return entries;
    }

    /** Median of five runs, in ms: read the buckets (500 due entries), then each due complaint by id if given. */
    private static double timeScan(java.util.function.Supplier<List<Document>> readBuckets,
            MongoCollection<Document> complaints) {
        long[] took = new long[5];
        for (int r = 0; r < took.length; r++) {
            long t = System.nanoTime();
            int due = 0;
            for (Document bucket : readBuckets.get()) {
                for (Document entry : bucket.getList("due", Document.class)) {
                    if (complaints == null || complaints.find(Filters.eq("_id", entry.getString("id"))).first() != null) {
                        due++;
                    }
                }
            }
            took[r] = System.nanoTime() - t;
            if (due != 500) {
                throw new IllegalStateException("expected 500 due complaints, found " + due);
            }
        }
        java.util.Arrays.sort(took);
        return took[2] / 1e6;
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "PHONE", "category": "DELIVERY", "severity": "HIGH",
                 "description": "Parcel arrived broken", "source": "bench-%s", "externalRef": "CC-%d",
                 "attributes": {"agentDesk": "7"}}""".formatted(i % 1_000_000, run, i);
    }
}
