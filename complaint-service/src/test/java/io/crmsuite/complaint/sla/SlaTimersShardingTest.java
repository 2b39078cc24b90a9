package io.crmsuite.complaint.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.crmsuite.complaint.Fixtures;
import io.crmsuite.complaint.SlaTimersOf;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The layout of {@code sla_timers} under a burst: checks that all fall due in the same five seconds are spread over
 * the sixteen shards of their bucket ({@code _id} = bucket second x 100 + shard), so no document takes every write,
 * and a scan still takes each exactly once. Documents of the earlier layout (one per ten-second bucket, {@code _id}
 * = its epoch second) are read by a replica's first scan. The application's own scan is paused, so what is taken
 * is taken by the timers under test.
 */
@QuarkusTest
class SlaTimersShardingTest {

    private static final int BURST = 2_000;

    @Inject
    Scheduler scheduler;
    @Inject
    OtherReplica otherReplica;
    @Inject
    MongoClient mongo;
    @Inject
    Clock clock;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private final List<String> registered = new ArrayList<>();

    @BeforeEach
    void pauseTheApplicationsOwnScan() {
        scheduler.pause();
    }

    @AfterEach
    void forgetResumeAndResetClock() {
        SlaTimersOf.forget(registered);
        TestClock.CLOCK.reset();
        scheduler.resume();
    }

    @Test
    void aBurstDueInTheSameFiveSecondsIsSpreadOverTheShardsOfItsBucket() {
        // 400 days ahead, where no other test's check falls; on a ten-second boundary, so that the earlier layout
        // would have put the whole burst in one document
        long period = (clock.instant().plus(Duration.ofDays(400)).getEpochSecond() / 10) * 10;
        SlaTimers timers = otherReplica.timers();
        Random random = new Random(15); // the same ids, so the same shards, in every run
        for (int i = 0; i < BURST; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            registered.add(id);
            timers.saved(complaint(id, Instant.ofEpochSecond(period).plusMillis(i))); // due at +0.000 .. +1.999 s
        }

        Map<Object, Integer> mineByDocument = mineByDocument();
        assertEquals(BURST, mineByDocument.values().stream().mapToInt(Integer::intValue).sum(), "each once");
        // 2,000 over 16 shards: 125 each on average
        assertTrue(mineByDocument.values().stream().allMatch(n -> n <= 2 * BURST / 16),
                "per document: " + mineByDocument);
        assertTrue(mineByDocument.size() >= 12, "documents: " + mineByDocument.keySet());
        for (Object key : mineByDocument.keySet()) {
            long k = (Long) key;
            assertTrue(k >= period * 100 && k <= period * 100 + 15, "the bucket's shards: " + k);
        }
        // saved again with the same next check (another save of the same complaint): the same shard, no second entry
        for (int i = 0; i < BURST; i++) {
            timers.saved(complaint(registered.get(i), Instant.ofEpochSecond(period).plusMillis(i)));
        }
        assertEquals(mineByDocument, mineByDocument());

        // a replica's first scan reads all past buckets (and takes every other check due by then: 400 days ahead,
        // all of them); at +0.999 s the first 1,000 of the burst are due
        SlaTimers replica = otherReplica.timers();
        Set<String> burst = Set.copyOf(registered);
        List<String> taken = new ArrayList<>(
                replica.takeDue(Instant.ofEpochSecond(period).plusMillis(999), Integer.MAX_VALUE).stream()
                        .filter(burst::contains).toList());
        assertEquals(Set.copyOf(registered.subList(0, 1000)), Set.copyOf(taken));
        assertEquals(1000, taken.size(), "none twice");
        // then the next scans read the unfinished buckets (one find by _id $in), 300 at a time: 300, 300, 300, 100
        List<Integer> sizes = new ArrayList<>();
        for (int scan = 0; scan < 5; scan++) {
            List<String> ids = replica.takeDue(Instant.ofEpochSecond(period + 5), 300);
            sizes.add(ids.size());
            taken.addAll(ids);
        }
        assertEquals(List.of(300, 300, 300, 100, 0), sizes);
        assertEquals(BURST, taken.size());
        assertEquals(burst, new HashSet<>(taken), "every one of the burst, once");
        assertEquals(Map.of(), mineByDocument(), "none left");
    }

    @Test
    void aBucketOfTheEarlierLayoutIsReadByTheFirstScanAfterStartUp() {
        String id = Fixtures.create();
        registered.add(id);
        Instant warnAt = Complaint.<Complaint>findById(id).nextSlaCheckAt; // its first check: the warning point
        // the timer as the earlier version wrote it: ten-second buckets, _id = the bucket's first epoch second
        SlaTimersOf.forget(List.of(id));
        long oldKey = warnAt.getEpochSecond() / 10 * 10;
        timers().updateOne(Filters.eq("_id", oldKey), Updates.addToSet("due",
                new Document("id", id).append("at", warnAt.toEpochMilli())), new UpdateOptions().upsert(true));

        // the upgraded replica starts (its timers know nothing) after the warning point, before the deadline
        TestClock.CLOCK.advance(Duration.ofHours(20));
        SlaScanner started = otherReplica.scanner();
        assertTrue(started.scan().warnings() >= 1);

        Complaint warned = Complaint.findById(id);
        assertEquals(warnAt, warned.sla.warnedAt, "warned, at its moment, from the earlier layout's bucket");
        assertEquals(2, warned.version, "received, warning");
        assertEquals(List.of(), timers().find(Filters.eq("_id", oldKey)).first().getList("due", Document.class));
        // its next check (the deadline) waits in the new layout: bucket second x 100 + shard
        Instant next = warned.nextSlaCheckAt;
        long newKey = next.getEpochSecond() / 5 * 5 * 100 + Math.floorMod(id.hashCode(), 16);
        Document bucket = timers().find(Filters.eq("_id", newKey)).first();
        assertNotNull(bucket, "bucket " + newKey);
        Document entry = new Document("id", id).append("at", next.toEpochMilli());
        assertTrue(bucket.getList("due", Document.class).contains(entry), bucket.toJson());
    }

    private static Complaint complaint(String id, Instant nextCheck) {
        Complaint c = new Complaint();
        c.id = id;
        c.nextSlaCheckAt = nextCheck;
        return c;
    }

    private MongoCollection<Document> timers() {
        return mongo.getDatabase(database).getCollection("sla_timers");
    }

    /** How many entries of this test's complaints each {@code sla_timers} document holds (none: left out). */
    private Map<Object, Integer> mineByDocument() {
        Set<String> mine = Set.copyOf(registered);
        Map<Object, Integer> counts = new HashMap<>();
        for (Document d : timers().find()) {
            int n = (int) d.getList("due", Document.class, List.of()).stream()
                    .filter(e -> mine.contains(e.getString("id"))).count();
            if (n > 0) {
                counts.put(d.get("_id"), n);
            }
        }
        return counts;
    }
}
