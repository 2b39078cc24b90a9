package io.crmsuite.complaint.customers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import io.crmsuite.complaint.CustomerFeed;
import io.crmsuite.complaint.SlaTimersOf;
import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.Enums.Category;
import io.crmsuite.complaint.complaint.Enums.Channel;
import io.crmsuite.complaint.complaint.Enums.CustomerMatch;
import io.crmsuite.complaint.complaint.Enums.Severity;
import io.crmsuite.complaint.intake.IntakeRequest;
import io.crmsuite.complaint.intake.IntakeService;
import io.crmsuite.platform.http.Caller;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A database written by the earlier version: {@code waiting_complaints} holds one document per key listing its
 * complaints ({@code {_id: <key>, ids: [...]}}). After the upgrade those complaints are still linked when their
 * customer arrives, each once, before the conversion (read where they are) and after it (entries of their own), and
 * erasure still takes them along.
 */
@QuarkusTest
class LegacyWaitingTest {

    private static final Caller CALLER = Caller.of("callcenter-legacy", null, null);
    private static CustomerFeed feed;
    /** Every complaint this class took in: their SLA timers go afterwards. */
    private static final List<String> TAKEN_IN = java.util.Collections.synchronizedList(new ArrayList<>());

    @Inject
    IntakeService intake;

    @BeforeAll
    static void connect() {
        feed = new CustomerFeed();
    }

    @AfterAll
    static void disconnect() {
        feed.close();
        SlaTimersOf.forget(TAKEN_IN);
    }

    @Test
    void complaintsListedInTheEarlierLayoutAreLinkedOnceWhenTheCustomerArrives() {
        String phone = newPhone();
        String unknownId = UUID.randomUUID().toString();
        List<String> byPhone = asEarlierLayout(ContactDirectory.phone(phone), takeIn(null, phone, 30));
        List<String> byId = asEarlierLayout(ContactDirectory.customer(unknownId), takeIn(unknownId, null, 3));

        feed.registered(unknownId, null, phone, "GOLD");
        await().atMost(Duration.ofSeconds(60)).until(() -> byPhone.stream().allMatch(LegacyWaitingTest::matched)
                && byId.stream().allMatch(LegacyWaitingTest::matched));

        assertLinkedOnce(byPhone, unknownId);
        assertLinkedOnce(byId, unknownId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(List.of(), idsUnder(ContactDirectory.phone(phone)), "the list is gone with what it listed");
            assertEquals(List.of(), idsUnder(ContactDirectory.customer(unknownId)));
        });
    }

    @Test
    void theConversionTurnsListsIntoSmallEntriesThatAreLinkedOnce() {
        String phone = newPhone();
        String key = ContactDirectory.phone(phone);
        List<String> ids = asEarlierLayout(key, takeIn(null, phone, 1100)); // more than one conversion chunk
        assertTrue(largestUnder(key) > 40_000, "the earlier layout's list: " + largestUnder(key));

        assertTrue(WaitingComplaints.convertLegacy() >= ids.size());
        assertEquals(0, WaitingComplaints.convertLegacy(), "converted once: nothing is listed any more");

        assertEquals(ids.size() + 1, idsUnder(key).size(), "an entry per complaint, and the marker");
        assertTrue(largestUnder(key) < 256, "none grows with the others: " + largestUnder(key));
        assertEquals(List.of(), waiting().find(Filters.eq("_id", key)).first().getList("ids", String.class));

        String customerId = UUID.randomUUID().toString();
        feed.registered(customerId, null, phone, "GOLD");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(LegacyWaitingTest::matched));
        assertLinkedOnce(ids, customerId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(), idsUnder(key)));
    }

    @Test
    void erasureTakesTheComplaintsListedInTheEarlierLayoutAlong() {
        String phone = newPhone();
        String customerId = UUID.randomUUID().toString();
        String sibling = UUID.randomUUID().toString();
        feed.registered(customerId, null, phone, "LEAD");
        feed.registered(sibling, null, phone, "LEAD");
        await().atMost(Duration.ofSeconds(30)).until(() -> KnownCustomer.findById(customerId) != null
                && KnownCustomer.findById(sibling) != null);
        List<String> ids = asEarlierLayout(ContactDirectory.phone(phone), takeIn(null, phone, 5));

        feed.erased(customerId, 2);
        feed.erased(sibling, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> KnownCustomer.<KnownCustomer>findById(customerId).erased
                && KnownCustomer.<KnownCustomer>findById(sibling).erased);

        assertEquals(List.of(), idsUnder(ContactDirectory.phone(phone)));
        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertNull(c.contactPhone, id);
            assertEquals(CustomerMatch.ERASED, c.customerMatch, id);
        }
    }

    /** Rewrites what intake stored under {@code key} as the earlier version stored it. */
    private static List<String> asEarlierLayout(String key, List<String> complaintIds) {
        waiting().deleteMany(WaitingComplaints.entriesOf(key));
        waiting().deleteOne(Filters.eq("_id", key));
        waiting().insertOne(new Document("_id", key).append("ids", complaintIds));
        return complaintIds;
    }

    private List<String> takeIn(String customerId, String phone, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(intake.intake(new IntakeRequest(customerId, phone == null ? null
                    : new IntakeRequest.Contact(phone, null), Channel.PHONE, Category.DELIVERY, Severity.HIGH,
                    "Parcel arrived broken", "callcenter-legacy", "CC-" + UUID.randomUUID(), null, null), null,
                    CALLER).complaint().id);
        }
        TAKEN_IN.addAll(ids);
        return ids;
    }

    private static boolean matched(String id) {
        return Complaint.<Complaint>findById(id).customerMatch == CustomerMatch.MATCHED;
    }

    private static void assertLinkedOnce(List<String> ids, String customerId) {
        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertEquals(customerId, c.customerId, id);
            assertEquals(2, c.version, id + ": received, then linked once");
            assertEquals(1, c.timeline.stream().filter(e -> e.type.equals("customer-linked")).count(), id);
        }
    }

    private static List<String> idsUnder(String key) {
        List<String> ids = new ArrayList<>();
        for (Document d : waiting().find(Filters.regex("_id", WaitingComplaints.prefixPattern(key)))) {
            String id = d.getString("_id");
            if (id.equals(key) || id.startsWith(key + "|")) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static int largestUnder(String key) {
        int largest = 0;
        for (RawBsonDocument d : KnownCustomer.mongoDatabase().getCollection("waiting_complaints", RawBsonDocument.class)
                .find(Filters.regex("_id", WaitingComplaints.prefixPattern(key)))) {
            largest = Math.max(largest, d.getByteBuffer().remaining());
        }
        return largest;
    }

    private static MongoCollection<Document> waiting() {
        return KnownCustomer.mongoDatabase().getCollection("waiting_complaints");
    }

    private static String newPhone() {
        return "+5511" + (600_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 99_999_999));
    }
}
