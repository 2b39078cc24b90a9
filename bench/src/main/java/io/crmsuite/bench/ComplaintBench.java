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

    static void scanCost(String mongoUrl, int open) {
        try (MongoClient client = MongoClients.create(mongoUrl)) {
            MongoCollection<Document> scratch = client.getDatabase("bench_scan").getCollection("complaints");
            scratch.drop();
            scratch.createIndex(Indexes.ascending("nextSlaCheckAt"));
            System.out.printf("%nseeding %,d open complaints (scratch database bench_scan) ...%n", open);
            long begin = System.nanoTime();
            Date future = Date.from(Instant.now().plusSeconds(86_400));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < open; i++) {
                batch.add(new Document("_id", UUID.randomUUID().toString()).append("status", "RECEIVED")
                        .append("category", "DELIVERY").append("nextSlaCheckAt", future)
                        .append("sla", new Document("dueAt", future).append("status", "ON_TRACK")));
                if (batch.size() == 10_000) {
                    scratch.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - begin) / 1e9);
            long[] nothingDue = new long[5];
            for (int i = 0; i < nothingDue.length; i++) {
                long t = System.nanoTime();
                scratch.find(Filters.lte("nextSlaCheckAt", new Date())).sort(Sorts.ascending("nextSlaCheckAt"))
                        .limit(500).into(new ArrayList<>());
                nothingDue[i] = System.nanoTime() - t;
            }
            java.util.Arrays.sort(nothingDue);
            System.out.printf("one breach scan with %,d open complaints, none due: median %.0f ms (of 5)%n", open,
                    nothingDue[2] / 1e6);
            scratch.updateMany(Filters.in("_id", scratch.find().limit(500).map(d -> d.getString("_id"))
                    .into(new ArrayList<>())), new Document("$set", new Document("nextSlaCheckAt", new Date(0))));
            long t = System.nanoTime();
            int due = scratch.find(Filters.lte("nextSlaCheckAt", new Date())).sort(Sorts.ascending("nextSlaCheckAt"))
                    .limit(500).into(new ArrayList<>()).size();
            System.out.printf("one breach scan with %,d open complaints, %d due: %.0f ms to find them%n", open, due,
                    (System.nanoTime() - t) / 1e6);
            scratch.drop();
        }
    }

    private static String complaint(String run, int i) {
        return """
                {"contact": {"phone": "+5511987%06d"}, "channel": "PHONE", "category": "DELIVERY", "severity": "HIGH",
                 "description": "Parcel arrived broken", "source": "bench-%s", "externalRef": "CC-%d",
                 "attributes": {"agentDesk": "7"}}""".formatted(i % 1_000_000, run, i);
    }
}
