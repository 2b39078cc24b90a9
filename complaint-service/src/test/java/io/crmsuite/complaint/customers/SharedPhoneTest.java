package io.crmsuite.complaint.customers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.Caller;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A call center that posts one placeholder phone for every caller: thousands of complaints wait under one key.
 * Each waits in a small document of its own (none grows with the others), and the customer who turns out to have
 * that phone gets every one of them linked, each once, also when the registration is delivered again; erasure of
 * the phone's last customer takes the phone off every complaint waiting under it and leaves no key behind.
 */
@QuarkusTest
class SharedPhoneTest {

    private static final int COMPLAINTS = 2000;
    private static final Caller CALLER = Caller.of("callcenter-sp", null, null);
    private static CustomerFeed feed;
    /** Every complaint this class took in: their SLA timers go afterwards. */
    private static final List<String> TAKEN_IN = Collections.synchronizedList(new ArrayList<>());

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
    void thousandsOfComplaintsWaitingOnOnePhoneStaySmallAndAreAllLinkedOnceWhenTheCustomerArrives() throws Exception {
        String phone = newPhone();
        List<String> ids = takeIn(phone, COMPLAINTS);

        List<RawBsonDocument> underPhone = documentsUnder(phone);
        assertEquals(COMPLAINTS + 1, underPhone.size(), "a document per waiting complaint, and the phone's marker");
        int largest = underPhone.stream().mapToInt(d -> d.getByteBuffer().remaining()).max().orElseThrow();
        // the earlier layout: one document listing 2,000 ids, about 82 KB, rewritten by every intake
        assertTrue(largest < 256, "each a few dozen bytes, whatever waits beside it: " + largest);

        String customerId = UUID.randomUUID().toString();
        feed.registered(customerId, null, phone, "GOLD");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> linked(ids) == COMPLAINTS);
        assertLinkedOnce(ids, customerId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(), idsUnder(phone),
                "nothing waits under the phone any more, its marker included"));

        // a consumer that died after linking, before removing the entries: the registration comes again
        ids.subList(0, 300).forEach(id -> WaitingComplaints.add(List.of(ContactDirectory.phone(phone)), id));
        feed.registered(customerId, null, phone, "GOLD");
        awaitAppliedAfter(customerId, 2);
        assertLinkedOnce(ids, customerId);
        assertEquals(List.of(), idsUnder(phone), "the redelivery removed what the first delivery left");
    }

    @Test
    void erasingTheLastCustomerOfASharedPhoneErasesEveryComplaintWaitingUnderItAndTheKeys() throws Exception {
        String phone = newPhone();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        feed.registered(first, null, phone, "GOLD");
        feed.registered(second, null, phone, "GOLD");
        await().atMost(Duration.ofSeconds(30)).until(() -> KnownCustomer.findById(first) != null
                && KnownCustomer.findById(second) != null);
        // two customers have the phone: a caller giving only it is nobody in particular, and waits
        List<String> ids = takeIn(phone, 450);

        feed.erased(first, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> KnownCustomer.<KnownCustomer>findById(first).erased);
        assertEquals(451, documentsUnder(phone).size(), "the phone is still the other customer's: all still wait");
        assertEquals(phone, Complaint.<Complaint>findById(ids.get(0)).contactPhone);

        feed.erased(second, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> KnownCustomer.<KnownCustomer>findById(second).erased);
        assertEquals(List.of(), idsUnder(phone), "no entry, no marker");
        assertEquals(null, KnownCustomer.mongoDatabase().getCollection("customer_contacts")
                .find(Filters.eq("_id", ContactDirectory.phone(phone))).first(), "no directory key");
        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertEquals(null, c.contactPhone, id);
            assertEquals(CustomerMatch.ERASED, c.customerMatch, id);
        }
    }

    private static void assertLinkedOnce(List<String> ids, String customerId) {
        for (String id : ids) {
            Complaint c = Complaint.findById(id);
            assertEquals(customerId, c.customerId, id);
            assertEquals(2, c.version, id + ": received, then linked once");
            assertEquals(1, c.timeline.stream().filter(e -> e.type.equals("customer-linked")).count(), id);
        }
    }

    /**
     * Waits until an event published after everything so far is applied: events of one customer are applied in
     * order, so what came before it (a redelivery) has been handled completely.
     */
    private static void awaitAppliedAfter(String customerId, long version) {
        feed.publish(customerId, version, EventTypes.CUSTOMER_TIER_CHANGED, new CustomerEventData.TierChanged(
                UUID.fromString(customerId), "GOLD", "GOLD", "UPGRADE", "REVENUE", java.math.BigDecimal.ONE,
                java.time.Instant.now()));
        await().atMost(Duration.ofSeconds(60)).until(() -> KnownCustomer.<KnownCustomer>findById(customerId).version
                == version);
    }

    private static String newPhone() {
        return "+5511" + (700_000_000 + Math.floorMod(UUID.randomUUID().hashCode(), 99_999_999));
    }

    /** Every document of {@code waiting_complaints} under the phone's key: its marker and its entries. */
    private static List<RawBsonDocument> documentsUnder(String phone) {
        return KnownCustomer.mongoDatabase().getCollection("waiting_complaints", RawBsonDocument.class)
                .find(Filters.regex("_id", WaitingComplaints.prefixPattern(ContactDirectory.phone(phone))))
                .into(new ArrayList<>());
    }

    private static List<String> idsUnder(String phone) {
        return documentsUnder(phone).stream().map(d -> d.getString("_id").getValue()).toList();
    }

    /** {@code count} intakes from four threads, as a call center's lines would post them. */
    private List<String> takeIn(String phone, int count) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService lines = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int line = 0; line < 4; line++) {
            runs.add(lines.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    ids.add(intake.intake(new IntakeRequest(null, new IntakeRequest.Contact(phone, null),
                            Channel.PHONE, Category.DELIVERY, Severity.HIGH, "Parcel arrived broken",
                            "callcenter-sp", "CC-" + UUID.randomUUID(), null, null), null, CALLER).complaint().id);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        lines.shutdown();
        TAKEN_IN.addAll(ids);
        return new ArrayList<>(ids);
    }

    /** By {@code _id} only: the stand-in answers {@code $in} on {@code _id} from its index, any other filter by a scan. */
    private static long linked(List<String> ids) {
        long count = 0;
        for (int from = 0; from < ids.size(); from += 500) {
            for (Complaint c : Complaint.collection().find(Filters.in("_id", ids.subList(from,
                    Math.min(from + 500, ids.size())))).projection(new Document("customerMatch", 1))) {
                count += c.customerMatch == CustomerMatch.MATCHED ? 1 : 0;
            }
        }
        return count;
    }
}
