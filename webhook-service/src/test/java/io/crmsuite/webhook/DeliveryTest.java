package io.crmsuite.webhook;

import static io.crmsuite.webhook.Api.as;
import static io.crmsuite.webhook.Api.deliveries;
import static io.crmsuite.webhook.Api.patience;
import static io.crmsuite.webhook.Api.subscribe;
import static io.crmsuite.webhook.Api.subscription;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.crmsuite.infra.testkit.EventLog;
import io.crmsuite.infra.testkit.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Events from the real topics to real receivers: what goes out, to whom, in which order, and what a receiver that
 * is down, slow or never meant to hear of an event gets. Each test's complaints come from a source of its own, so
 * no test sees another's; subscriptions are deleted afterwards.
 */
@QuarkusTest
class DeliveryTest {

    private static final List<String> LIFECYCLE = List.of(EventTypes.COMPLAINT_RECEIVED,
            EventTypes.COMPLAINT_ACKNOWLEDGED, EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_RESOLVED);

    private final String client = "cc-" + UUID.randomUUID().toString().substring(0, 8);
    private final String source = "source-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Api.Subscribed> subscriptions = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private final ComplaintFeed feed = new ComplaintFeed();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(Api::delete);
        receivers.forEach(Receiver::close);
        feed.close();
    }

    private Receiver receiver() {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private Api.Subscribed subscribed(Api.Subscribed subscription) {
        subscriptions.add(subscription);
        return subscription;
    }

    private static String complaintId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void deliversTheEventAsItWasOnKafkaSignedAsTheStandardSays() {
        Receiver receiver = receiver();
        Api.Subscribed s = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        long before = TestClock.CLOCK.instant().getEpochSecond();

        ComplaintFeed.Published event = feed.complaint(complaintId(), 1, EventTypes.COMPLAINT_RECEIVED, source);

        Receiver.Request request = receiver.awaitIds(List.of(event.id()), patience()).get(0);
        long after = TestClock.CLOCK.instant().getEpochSecond();
        assertEquals(event.value(), request.bodyText(), "the body is the CloudEvent exactly as it was on the topic");
        assertEquals("application/json", request.header("content-type"));
        assertEquals(event.id(), request.webhookId(), "webhook-id is the CloudEvent id: receivers deduplicate by it");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(timestamp >= before && timestamp <= after, "unix seconds of the attempt: " + timestamp);
        assertTrue(request.header("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="), request.header("webhook-signature"));
        assertTrue(Verification.verifies(s.secret(), request), "the signature verifies with the secret shown once");
        byte[] otherKey = new byte[32];
        new java.security.SecureRandom().nextBytes(otherKey);
        assertFalse(Verification.verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(otherKey), request),
                "and with no other");

        await().atMost(patience()).untilAsserted(() -> {
            Map<String, Object> delivery = deliveries(s).get(0);
            assertEquals("DELIVERED", delivery.get("status"));
            assertEquals(1, delivery.get("attempts"));
            assertEquals(204, delivery.get("lastStatusCode"));
            assertEquals(event.id(), delivery.get("eventId"));
            assertEquals(EventTypes.COMPLAINT_RECEIVED, delivery.get("eventType"));
            assertNotNull(delivery.get("deliveredAt"));
        });
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventAfterwardsInOrderPerComplaint() {
        Receiver receiver = receiver();
        Api.Subscribed s = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        receiver.stop();
        List<String> complaints = List.of(complaintId(), complaintId(), complaintId());
        List<ComplaintFeed.Published> published = new ArrayList<>();
        for (int version = 1; version <= LIFECYCLE.size(); version++) {
            for (String complaint : complaints) { // interleaved, as a busy call center's complaints are
                published.add(feed.complaint(complaint, version, LIFECYCLE.get(version - 1), source));
            }
        }
        // while it is down: every complaint's first event has failed at least once, the others wait behind it
        await().atMost(patience()).untilAsserted(() -> {
            List<Map<String, Object>> all = deliveries(s);
            assertEquals(12, all.size());
            List<Map<String, Object>> heads = all.stream().filter(d -> d.get("attempts") instanceof Integer a && a > 0)
                    .toList();
            assertEquals(3, heads.size(), "one delivery per complaint is attempted at a time: " + all);
            heads.forEach(d -> assertTrue(String.valueOf(d.get("lastError")).contains("unreachable"), d.toString()));
        });
        assertEquals(0, receiver.requests().size());

        receiver.start();

        receiver.awaitIds(published.stream().map(ComplaintFeed.Published::id).toList(), patience());
        Map<String, ComplaintFeed.Published> byId = published.stream()
                .collect(Collectors.toMap(ComplaintFeed.Published::id, p -> p));
        for (String complaint : complaints) {
            List<Long> arrivals = receiver.requests().stream().map(r -> byId.get(r.webhookId()))
                    .filter(p -> p != null && p.complaintId().equals(complaint)).map(ComplaintFeed.Published::version)
                    .toList();
            assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(new LinkedHashSet<>(arrivals)),
                    "complaint " + complaint + " arrived in the order of its events: " + arrivals);
            for (int i = 1; i < arrivals.size(); i++) {
                assertTrue(arrivals.get(i) >= arrivals.get(i - 1), "no event after a later one: " + arrivals);
            }
        }
        await().atMost(patience()).untilAsserted(() -> assertTrue(deliveries(s).stream()
                .allMatch(d -> d.get("status").equals("DELIVERED")), deliveries(s).toString()));
        receiver.requests().forEach(r -> assertTrue(Verification.verifies(s.secret(), r)));
    }

    @Test
    void anotherSourcesComplaintsNeverReachASubscriptionFilteredOnItsSource() {
        Receiver mine = receiver();
        Receiver everything = receiver();
        String otherSource = source + "-other";
        Api.Subscribed filtered = subscribed(subscribe(client, mine.url(), List.of("complaint.*"), source));
        // sees both sources: once it has an event, that event's intake (one transaction for every subscription) is done
        Api.Subscribed control = subscribed(subscribe(client + "-ops", subscription(everything.url(),
                List.of("complaint.*"), Map.of("source", List.of(source, otherSource)))));

        ComplaintFeed.Published other = feed.complaint(complaintId(), 1, EventTypes.COMPLAINT_RECEIVED, otherSource);
        ComplaintFeed.Published own = feed.complaint(complaintId(), 1, EventTypes.COMPLAINT_RECEIVED, source);

        everything.awaitIds(List.of(other.id(), own.id()), patience());
        mine.awaitIds(List.of(own.id()), patience());
        assertTrue(mine.requests(r -> other.id().equals(r.webhookId())).isEmpty());
        assertTrue(deliveries(filtered).stream().noneMatch(d -> other.id().equals(d.get("eventId"))),
                "no delivery was even made");
        assertEquals(2, deliveries(control).size());
    }

    @Test
    void exactTypesPrefixesAndTheWildcardChooseTheEvents() {
        Receiver receiver = receiver();
        Api.Subscribed all = subscribed(subscribe(client, subscription(receiver.url(), List.of("*"), null)));
        Api.Subscribed customers = subscribed(subscribe(client, subscription(receiver.url(), List.of("customer.*"), null)));
        Api.Subscribed prefix = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        Api.Subscribed exact = subscribed(subscribe(client, receiver.url(), List.of("complaint.resolved"), source));
        Api.Subscribed highOnly = subscribed(subscribe(client, subscription(receiver.url(), List.of("complaint.*"),
                Map.of("source", source, "severity", List.of("HIGH", "CRITICAL"), "category", "BILLING"))));

        String complaint = complaintId();
        ComplaintFeed.Published registered = feed.customerRegistered(UUID.randomUUID().toString());
        ComplaintFeed.Published received = feed.complaint(complaint, 1, EventTypes.COMPLAINT_RECEIVED, source, "BILLING",
                "LOW");
        ComplaintFeed.Published resolved = feed.complaint(complaint, 2, EventTypes.COMPLAINT_RESOLVED, source, "BILLING",
                "HIGH");

        await().atMost(patience()).untilAsserted(() -> assertEquals(Set.of(registered.id(), received.id(), resolved.id()),
                eventIds(all)));
        assertEquals(Set.of(registered.id()), eventIds(customers));
        assertEquals(Set.of(received.id(), resolved.id()), eventIds(prefix));
        assertEquals(Set.of(resolved.id()), eventIds(exact));
        assertEquals(Set.of(resolved.id()), eventIds(highOnly), "a LOW complaint is left out, a HIGH one is not");
    }

    private static Set<String> eventIds(Api.Subscribed subscription) {
        return deliveries(subscription).stream().map(d -> (String) d.get("eventId")).collect(Collectors.toSet());
    }

    @Test
    void aRedeliveredEventCreatesNoSecondDelivery() {
        Receiver receiver = receiver();
        Api.Subscribed s = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        String complaint = complaintId();
        ComplaintFeed.Published first = feed.complaint(complaint, 1, EventTypes.COMPLAINT_RECEIVED, source);
        feed.send(Topics.COMPLAINT_EVENTS, complaint, first.value()); // as a relay sends again after a crash
        feed.send(Topics.COMPLAINT_EVENTS, complaint, first.value());
        // same key, same partition, after the copies: once it is delivered, the copies were taken in before it
        ComplaintFeed.Published marker = feed.complaint(complaint, 2, EventTypes.COMPLAINT_ACKNOWLEDGED, source);

        receiver.awaitIds(List.of(marker.id()), patience());
        List<Map<String, Object>> all = deliveries(s);
        assertEquals(2, all.size(), all.toString());
        assertEquals(1, all.stream().filter(d -> first.id().equals(d.get("eventId"))).count());
        assertEquals(1, receiver.requests(r -> first.id().equals(r.webhookId())).size(), "sent once");
    }

    @Test
    void aReceiverThatHoldsItsAnswersDoesNotDelayAnotherSubscription() {
        Receiver slow = receiver();
        Receiver fast = receiver();
        slow.holdRequests();
        String slowSource = source + "-slow";
        Api.Subscribed stuck = subscribed(subscribe(client, slow.url(), List.of("complaint.*"), slowSource));
        Api.Subscribed other = subscribed(subscribe(client + "-b", fast.url(), List.of("complaint.*"), source));

        // more complaints for the slow receiver than there are slots in all (16): each could be attempted at once
        List<String> stuckIds = IntStream.range(0, 24)
                .mapToObj(i -> feed.complaint(complaintId(), 1, EventTypes.COMPLAINT_RECEIVED, slowSource).id()).toList();
        await().atMost(patience()).until(() -> slow.held() == 4);

        List<String> otherIds = IntStream.range(0, 6)
                .mapToObj(i -> feed.complaint(complaintId(), 1, EventTypes.COMPLAINT_RECEIVED, source).id()).toList();
        fast.awaitIds(otherIds, patience());

        assertEquals(4, slow.held(), "the slow receiver still holds the first attempts");
        assertEquals(4, slow.mostHeld(), "it never had more than its share (max-in-flight-per-subscription) at once");
        assertTrue(deliveries(stuck).stream().noneMatch(d -> d.get("status").equals("DELIVERED")));
        await().atMost(patience()).untilAsserted(() -> assertTrue(deliveries(other).stream()
                .allMatch(d -> d.get("status").equals("DELIVERED"))));

        slow.release();
        slow.awaitIds(stuckIds, patience());
    }

    @Test
    void anUnreadableEventIsParkedOnTheDeadLetterTopicAndTheNextOneIsDelivered() {
        Receiver receiver = receiver();
        subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        String key = complaintId();
        feed.send(Topics.COMPLAINT_EVENTS, key, "{\"specversion\": \"1.0\", \"id\": \"has.dots\", \"type\": \"complaint.received\"");
        ComplaintFeed.Published next = feed.complaint(key, 1, EventTypes.COMPLAINT_RECEIVED, source);

        try (EventLog deadLetters = new EventLog(ComplaintFeed.bootstrap(), Topics.WEBHOOK_DEAD_LETTER)) {
            var parked = deadLetters.awaitKey(key, 1, patience());
            assertEquals(1, parked.size());
            var reason = parked.get(0).headers().lastHeader("dead-letter-reason");
            assertNotNull(reason, "the reason travels with the message");
            assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("CloudEvent"));
        }
        receiver.awaitIds(List.of(next.id()), patience());
    }

    @Test
    void inOnePollAnUnreadableEventIsParkedAloneAndACopyAddsNothing() {
        Receiver receiver = receiver();
        Api.Subscribed s = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        String key = complaintId();
        ComplaintFeed.Published first = feed.complaintEvent(key, 1, EventTypes.COMPLAINT_RECEIVED, source);
        ComplaintFeed.Published second = feed.complaintEvent(key, 2, EventTypes.COMPLAINT_ACKNOWLEDGED, source);
        // consumed a poll at a time: an unreadable event must not take the readable ones of its poll with it
        feed.sendTogether(Topics.COMPLAINT_EVENTS, key, List.of(first.value(), "{\"specversion\": \"1.0\"",
                first.value(), second.value()));

        receiver.awaitIds(List.of(first.id(), second.id()), patience());
        try (EventLog deadLetters = new EventLog(ComplaintFeed.bootstrap(), Topics.WEBHOOK_DEAD_LETTER)) {
            var parked = deadLetters.awaitKey(key, 1, patience());
            assertEquals(List.of("{\"specversion\": \"1.0\""), parked.stream().map(r -> r.value()).toList());
        }
        List<Map<String, Object>> all = deliveries(s);
        assertEquals(2, all.size(), all.toString());
        assertEquals(Set.of(first.id(), second.id()), eventIds(s));
        assertEquals(1, receiver.requests(r -> first.id().equals(r.webhookId())).size(), "sent once");
        assertEquals(List.of(first.id(), second.id()), receiver.requests().stream().map(Receiver.Request::webhookId)
                .toList(), "in the order of the events");
    }

    @Test
    void aSubscriptionHearsOfWhatHappensAfterItWasMadeNotOfTheTopicsHistory() {
        Receiver receiver = receiver();
        String complaint = complaintId();
        // happened before the subscription was made, whenever the consumer comes to it
        ComplaintFeed.Published before = feed.complaint(complaint, 1, EventTypes.COMPLAINT_RECEIVED, source);
        Api.Subscribed late = subscribed(subscribe(client, receiver.url(), List.of("complaint.*"), source));
        // same key, same partition: once this one is delivered, the earlier one has been read
        ComplaintFeed.Published after = feed.complaint(complaint, 2, EventTypes.COMPLAINT_ACKNOWLEDGED, source);

        receiver.awaitIds(List.of(after.id()), patience());
        assertTrue(receiver.requests(r -> before.id().equals(r.webhookId())).isEmpty());
        List<Map<String, Object>> made = deliveries(late);
        assertEquals(1, made.size(), made.toString());
        assertEquals(2, JsonPath.from(receiver.requests().get(0).bodyText()).getInt("aggregateversion"));
        as(client).get("/webhooks/" + late.id() + "/deliveries/" + made.get(0).get("id")).then().statusCode(200)
                .body("eventId", is(after.id())).body("status", is("DELIVERED"));
        as(client).post("/webhooks/" + late.id() + "/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .body("detail", containsString("does not exist"));
    }
}
