package io.crmsuite.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.crmsuite.events.Topics;

/**
 * {@code POST /api/complaints} through the gateway at fixed offered rates (open loop, {@link OfferedLoad}): every
 * complaint from a new caller (a phone of its own), and every complaint under one shared phone (unmatched
 * complaints piling up under it). Beside them, in the same run and at the same rates, a baseline: the least one
 * intake must do, done by this client straight against the same servers: one insert of a document shaped like a
 * stored complaint into the service's MongoDB database, and one Kafka send (acks=all, waited for) to a scratch
 * topic. Per rate and side: achieved rate, p50/p99 and errors, and the CPU every process spent per call; then each
 * side's achieved rate as a share of the baseline's. Issue 15's target: 1,000 intakes/s at p99 <= 100 ms through
 * the gateway or, where the stand-in servers' own cost makes that impossible, 0.6 of the baseline.
 * {@code CRM_BENCH_API_KEY} must be an admin key (bench/run.sh creates one).
 */
final class IntakeBench {

    private static final double P99_LIMIT_MS = 100;
    private static final double BASELINE_SHARE_TARGET = 0.6;
    private static final String SHARED_PHONE = "+5511977776666";
    /** In the service's own database (complaint-service's quarkus.mongodb.database); dropped afterwards. */
    private static final String BASELINE_DATABASE = "complaints";
    private static final String BASELINE_COLLECTION = "bench_baseline";
    private static final String BASELINE_TOPIC = "bench.baseline";

    private record Side(String name, Load.Call call) {
    }

    private IntakeBench() {
    }

    static void run(String gatewayUrl, String mongoUrl, String kafka, String apiKey) throws Exception {
        if (apiKey == null) {
            throw new IllegalStateException("set CRM_BENCH_API_KEY to an admin key (bench/run.sh intake does)");
        }
        int[] rates = Arrays.stream(System.getProperty("rates", "300,600,1000").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int seconds = Integer.getInteger("seconds", 20);
        // complaint-service's JIT was still compiling at 0.4 of a core 10 s after one side's 10 s of warm-up
        int warmUp = Integer.getInteger("warmUp", 30);
        Map<String, String> auth = Map.of("Authorization", "ApiKey " + apiKey);
        String run = UUID.randomUUID().toString().substring(0, 6);
        AtomicInteger complaints = new AtomicInteger(); // across the run: every new caller's phone is a new one
        SuiteProcesses suite = SuiteProcesses.find();

        try (MongoClient mongo = MongoClients.create(mongoUrl);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
                        "acks", "all", "linger.ms", 1), new StringSerializer(), new StringSerializer());
                OfferedLoad load = new OfferedLoad(Integer.getInteger("connections", 200))) {
            MongoCollection<Document> stored = mongo.getDatabase(BASELINE_DATABASE).getCollection(BASELINE_COLLECTION);
            stored.drop();
            admin.createTopics(List.of(new NewTopic(BASELINE_TOPIC, Topics.PARTITIONS, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
            try {
                List<Side> sides = List.of(
                        new Side("baseline: insert + send", i -> {
                            String id = UUID.randomUUID().toString();
                            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                            String event = AnalyticsBench.receivedEvent(id, now);
                            stored.insertOne(storedComplaint(id, now, phone(complaints.incrementAndGet()), event));
                            producer.send(new ProducerRecord<>(BASELINE_TOPIC, id, event)).get();
                            return 201;
                        }),
                        new Side("intake, new callers", i -> {
                            int n = complaints.incrementAndGet();
                            return RawHttp.post(gatewayUrl + "/api/complaints", body(phone(n), run, n), auth);
                        }),
                        new Side("intake, one phone for all", i -> RawHttp.post(gatewayUrl + "/api/complaints",
                                body(SHARED_PHONE, run, complaints.incrementAndGet()), auth)));
                System.out.printf("intake at %s; offered rates %s/s, %d s each in two halves (the sides in turn, then "
                        + "in reverse order) after a warm-up of %d s per side, open loop from %d client threads (each "
                        + "its own kept-alive connection); latency from each call's scheduled moment; CPU per call of "
                        + "each process over the measured stretches%n%n", gatewayUrl,
                        Arrays.toString(rates), seconds, warmUp, load.threads());
                for (Side side : sides) {
                    load.run("warm-up", rates[0], warmUp, s -> true, side.call());
                }
                measure(load, suite, sides, rates, seconds);
            } finally {
                stored.drop();
                admin.deleteTopics(List.of(BASELINE_TOPIC)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * For each rate, each side in two halves of {@code seconds}, the sides in turn and then in reverse order (A B C
     * C B A), each after the suite is quiet again: every call leaves data behind, so a side measured later meets
     * larger stores, and the mirrored order lays that growth on every side alike. Then the CPU table and the shares.
     */
    private static void measure(OfferedLoad load, SuiteProcesses suite, List<Side> sides, int[] rates, int seconds)
            throws Exception {
        Map<String, List<OfferedLoad.Result>> results = new LinkedHashMap<>();
        Map<String, Map<String, Long>> cpuPerCall = new LinkedHashMap<>();
        List<Side> reversed = new ArrayList<>(sides);
        Collections.reverse(reversed);
        List<Side> mirrored = new ArrayList<>(sides);
        mirrored.addAll(reversed);
        for (int rate : rates) {
            Map<Side, CpuUse> cpu = new LinkedHashMap<>();
            Map<Side, List<OfferedLoad.Result>> halves = new LinkedHashMap<>();
            for (Side side : mirrored) {
                if (suite != null) {
                    suite.awaitQuiet(180); // the intakes before leave work behind: the relay, analytics catching up
                }
                OfferedLoad.Result half = cpu.computeIfAbsent(side, s -> CpuUse.ofEachProcess(suite)).measure(() ->
                        load.run(side.name(), rate, Math.max(1, seconds / 2), s -> s == 201, side.call()));
                halves.computeIfAbsent(side, s -> new ArrayList<>()).add(half);
            }
            for (Side side : sides) {
                OfferedLoad.Result r = OfferedLoad.Result.merge(halves.get(side));
                System.out.println(r.line());
                results.computeIfAbsent(side.name(), k -> new ArrayList<>()).add(r);
                cpuPerCall.put(String.format(Locale.ROOT, "%5d/s %s", rate, side.name()),
                        cpu.get(side).perCallMicros(r.answeredOk()));
            }
        }
        if (suite != null) {
            printCpu(cpuPerCall);
        }
        printShares(results, sides.get(0).name(), rates);
    }

    private static void printCpu(Map<String, Map<String, Long>> cpuPerCall) {
        System.out.println("\nCPU per answered call, us (over the measured stretch; analytics and webhook-service may "
                + "still be catching up after it):");
        List<String> processes = List.copyOf(cpuPerCall.values().iterator().next().keySet());
        StringBuilder header = new StringBuilder(String.format("%-32s", ""));
        processes.forEach(p -> header.append(String.format("%11s", p.replace("-service", "").replace("this ", ""))));
        System.out.println(header.append(String.format("%8s", "total")));
        cpuPerCall.forEach((row, micros) -> {
            StringBuilder line = new StringBuilder(String.format("%-32s", row));
            processes.forEach(p -> line.append(String.format("%11d", micros.get(p))));
            System.out.println(line.append(String.format("%8d", micros.values().stream().mapToLong(Long::longValue)
                    .sum())));
        });
    }

    private static void printShares(Map<String, List<OfferedLoad.Result>> results, String baselineSide, int[] rates) {
        List<OfferedLoad.Result> baseline = results.get(baselineSide);
        System.out.print("\nachieved rate as a share of the baseline's, at offered");
        Arrays.stream(rates).forEach(rate -> System.out.printf("%8d/s", rate));
        System.out.println();
        results.forEach((side, runs) -> {
            System.out.printf("  %-52s", side);
            for (int k = 0; k < runs.size(); k++) {
                System.out.printf(Locale.ROOT, "%10.2f", runs.get(k).achieved() / baseline.get(k).achieved());
            }
            System.out.println();
        });
        int baselineKept = highestKept(baseline);
        System.out.printf("%nhighest offered rate kept up with (>= 95%% of it achieved, p99 <= %.0f ms, no error):%n",
                P99_LIMIT_MS);
        results.forEach((side, runs) -> {
            int kept = highestKept(runs);
            boolean met = kept >= 1000 || baselineKept > 0 && kept >= BASELINE_SHARE_TARGET * baselineKept;
            System.out.printf(Locale.ROOT, "  %-30s %5d/s%s%n", side, kept, runs == baseline ? ""
                    : String.format(Locale.ROOT, "   %.2f of the baseline's   target (1,000/s, or %.1f of the "
                            + "baseline's): %s", baselineKept == 0 ? 0.0 : (double) kept / baselineKept,
                            BASELINE_SHARE_TARGET, met ? "met" : "NOT met"));
        });
    }

    /** The highest offered rate kept up with, below which every rate was kept up with too; 0 when none. */
    private static int highestKept(List<OfferedLoad.Result> runs) {
        int kept = 0;
        for (OfferedLoad.Result r : runs) {
            if (!r.keptUp(P99_LIMIT_MS)) {
                break;
            }
            kept = r.offered();
        }
        return kept;
    }

    private static String phone(int n) {
        return "+55118%08d".formatted(n);
    }

    private static String body(String phone, String run, int n) {
        return """
                {"contact": {"phone": "%s"}, "channel": "PHONE", "category": "DELIVERY", "severity": "HIGH",
                 "description": "Parcel arrived broken", "source": "intake-bench-%s", "externalRef": "CC-%d",
                 "attributes": {"agentDesk": "7"}}""".formatted(phone, run, n);
    }

    /**
     * A document shaped and sized like complaint-service's stored complaint just after intake: the complaint, its
     * clock, its timeline's first entry and the event waiting for the relay.
     */
    private static Document storedComplaint(String id, Instant now, String phone, String event) {
        Date at = Date.from(now);
        Date due = Date.from(now.plusSeconds(86_400));
        Date warn = Date.from(now.plusSeconds(69_120)); // at 80% of the target
        return new Document("_id", id).append("actionKeys", List.of()).append("attributes", new Document("agentDesk", "7"))
                .append("category", "DELIVERY").append("channel", "PHONE").append("contactPhone", phone)
                .append("customerMatch", "UNMATCHED").append("description", "Parcel arrived broken")
                .append("escalationLevel", 0).append("externalRef", "CC-" + id).append("nextSlaCheckAt", warn)
                .append("occurredAt", at).append("pendingEvents", List.of(new Document("version", 1L).append("json", event)))
                .append("previousCycles", List.of()).append("receivedAt", at).append("revision", 0L)
                .append("severity", "HIGH")
                .append("sla", new Document("cycle", 1).append("dueAt", due).append("escalations", List.of())
                        .append("holds", List.of()).append("pausedSeconds", 0L).append("policy", "default")
                        .append("policyVersion", 1).append("startedAt", at).append("status", "ON_TRACK")
                        .append("targetSeconds", 86_400L).append("warnAt", warn))
                .append("source", "intake-bench-baseline").append("status", "RECEIVED")
                .append("timeline", List.of(new Document("actor", "bench-admin").append("at", at)
                        .append("details", new Document("channel", "PHONE").append("policy", "default v1")
                                .append("dueAt", due.toInstant().toString()))
                        .append("type", "received")))
                .append("updatedAt", at).append("version", 1L)
                .append("pendingSince", at);
    }
}
