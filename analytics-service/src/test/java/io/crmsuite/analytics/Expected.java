package io.crmsuite.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.crmsuite.events.EventTypes;

/** The indicators computed the plain way, from the list of distinct events. */
final class Expected {

    /**
     * The SLA figures of one day. Resolution figures are those of each complaint's first resolution;
     * {@code dueInPeriod} / {@code metInPeriod} count each complaint once, on the day of its first cycle's deadline.
     */
    static final class Sla {
        long received, resolved, met, within24h, within24hWallClock, breached, warnings, reopened,
                resolvedAfterReopen, dueInPeriod, metInPeriod, satSum, satCount, resSeconds, wouldBuyAgainAnswered,
                wouldBuyAgainYes;
        long[] scores = new long[6];
        BigDecimal compensation = BigDecimal.ZERO.setScale(2);
        List<Long> resolutionSeconds = new ArrayList<>();
        List<Long> firstResponseSeconds = new ArrayList<>();
    }

    final Map<String, Sla> sla = new TreeMap<>();
    final ExpectedCustomers customers;
    final Map<String, Long> complainants = new HashMap<>();
    final Map<String, Long> boughtAgain = new HashMap<>();
    final Map<String, Long> backlog = new HashMap<>();
    long totalReceived, totalResolved;

    /** The figures of a stream's distinct events. */
    static Expected of(EventStream stream) {
        List<JsonNode> events = new ArrayList<>();
        for (EventStream.Event event : stream.unique()) {
            events.add(EventStream.JSON.valueToTree(event.cloudEvent()));
        }
        return new Expected(events);
    }

    Expected(List<JsonNode> events) {
        Map<String, List<Instant>> purchases = new HashMap<>();
        customers = new ExpectedCustomers(events);
        for (JsonNode e : events) {
            JsonNode d = e.get("data");
            String type = e.get("type").asText();
            switch (type) {
                case EventTypes.PURCHASE_RECORDED -> purchases.computeIfAbsent(e.get("subject").asText(),
                        k -> new ArrayList<>()).add(Instant.parse(d.get("occurredAt").asText()));
                case EventTypes.COMPLAINT_RECEIVED -> {
                    sla(d.get("at")).received++;
                    totalReceived++;
                }
                case EventTypes.COMPLAINT_SLA_WARNING -> sla(d.get("at")).warnings++;
                case EventTypes.COMPLAINT_SLA_BREACHED -> sla(d.get("at")).breached++;
                case EventTypes.COMPLAINT_REOPENED -> sla(d.get("at")).reopened++;
                case EventTypes.COMPLAINT_SATISFACTION_RECORDED -> {
                    Sla s = sla(d.get("at"));
                    JsonNode satisfaction = d.get("satisfaction");
                    s.satSum += satisfaction.get("score").asLong();
                    s.satCount++;
                    s.scores[satisfaction.get("score").asInt()]++;
                    if (satisfaction.hasNonNull("wouldBuyAgain")) {
                        s.wouldBuyAgainAnswered++;
                        s.wouldBuyAgainYes += satisfaction.get("wouldBuyAgain").asBoolean() ? 1 : 0;
                    }
                }
                case EventTypes.COMPLAINT_RESOLVED -> {
                    // every resolution's compensation is paid; the other figures are the first resolution's (below)
                    JsonNode amount = d.get("resolution").get("compensationAmount");
                    if (amount != null && !amount.isNull()) {
                        Sla s = sla(d.get("at"));
                        s.compensation = s.compensation.add(new BigDecimal(amount.asText()));
                    }
                }
                default -> {
                }
            }
        }
        complaintsByAggregate(events, purchases);
    }

    /**
     * First response, first resolution, the outcome of the first cycle's deadline, retention class and the final
     * backlog state: they need each complaint's whole story.
     */
    private void complaintsByAggregate(List<JsonNode> events, Map<String, List<Instant>> purchases) {
        Map<String, List<JsonNode>> byComplaint = new HashMap<>();
        events.stream().filter(e -> e.get("type").asText().startsWith("complaint."))
                .forEach(e -> byComplaint.computeIfAbsent(e.get("subject").asText(), k -> new ArrayList<>()).add(e));
        for (List<JsonNode> story : byComplaint.values()) {
            JsonNode first = story.get(0).get("data");
            Instant received = Instant.parse(first.get("receivedAt").asText());
            Long firstResponse = null;
            Instant firstResponseAt = null;
            Instant firstResolved = null;
            Long firstResolutionSeconds = null;
            JsonNode breachBeforeFirstResolution = null;
            JsonNode firstResolution = null;
            for (JsonNode e : story) {
                JsonNode d = e.get("data");
                String type = e.get("type").asText();
                Instant at = Instant.parse(d.get("at").asText());
                if (firstResponse == null && type.equals(EventTypes.COMPLAINT_ACKNOWLEDGED)) {
                    firstResponse = Duration.between(received, at).toSeconds();
                    firstResponseAt = at;
                }
                if (type.equals(EventTypes.COMPLAINT_SLA_BREACHED) && firstResolved == null
                        && breachBeforeFirstResolution == null) {
                    breachBeforeFirstResolution = d;
                }
                if (type.equals(EventTypes.COMPLAINT_RESOLVED) && firstResolved != null) {
                    sla(at).resolvedAfterReopen++;
                }
                if (type.equals(EventTypes.COMPLAINT_RESOLVED) && firstResolved == null) {
                    firstResolved = at;
                    firstResolution = d;
                    firstResolutionSeconds = d.get("resolution").get("durationSeconds").asLong();
                    if (firstResponse == null && !d.get("resolution").get("firstResponseSeconds").isNull()) {
                        firstResponse = d.get("resolution").get("firstResponseSeconds").asLong();
                        firstResponseAt = at;
                    }
                }
            }
            if (firstResolution != null) {
                Sla s = sla(firstResolved);
                boolean met = firstResolution.get("resolution").get("met").asBoolean();
                s.resolved++;
                totalResolved++;
                s.met += met ? 1 : 0;
                s.within24h += firstResolutionSeconds <= 86400 ? 1 : 0;
                // the customer's view: from the start of the first cycle (the received event's clock) to the resolution
                Instant start = Instant.parse(first.get("sla").get("startedAt").asText());
                s.within24hWallClock += !firstResolved.isAfter(start.plus(Duration.ofHours(24))) ? 1 : 0;
                s.resSeconds += firstResolutionSeconds;
                s.resolutionSeconds.add(firstResolutionSeconds);
            }
            // the first cycle's deadline: its outcome is known at a breach before the first resolution, or at the
            // first resolution; counted on the day of the deadline as that event states it
            JsonNode outcome = breachBeforeFirstResolution != null ? breachBeforeFirstResolution : firstResolution;
            if (outcome != null) {
                Sla s = sla(outcome.get("sla").get("dueAt"));
                s.dueInPeriod++;
                s.metInPeriod += outcome == firstResolution && firstResolution.get("resolution").get("met").asBoolean()
                        ? 1 : 0;
            }
            if (firstResponse != null) {
                sla(firstResponseAt).firstResponseSeconds.add(firstResponse);
            }
            JsonNode last = story.get(story.size() - 1).get("data");
            String status = last.get("status").asText();
            if (!status.equals("RESOLVED") && !status.equals("CLOSED")) {
                String clock = last.get("sla").get("status").asText();
                backlog.merge(switch (clock) {
                    case "AT_RISK" -> "atRisk";
                    case "BREACHED" -> "breached";
                    default -> "onTrack";
                }, 1L, Long::sum);
            }
            if (first.get("customerId").isNull()) {
                continue;
            }
            String cls = firstResolved == null ? "UNRESOLVED" : firstResolutionSeconds <= 86400 ? "WITHIN_24H" : "LATER";
            Instant ref = firstResolved == null ? received : firstResolved;
            Instant end = ref.plus(Duration.ofDays(90));
            boolean bought = purchases.getOrDefault(first.get("customerId").asText(), List.of()).stream()
                    .anyMatch(t -> t.isAfter(ref) && !t.isAfter(end));
            complainants.merge(cls, 1L, Long::sum);
            boughtAgain.merge(cls, bought ? 1L : 0L, Long::sum);
        }
    }

    private Sla sla(JsonNode at) {
        return sla(Instant.parse(at.asText()));
    }

    private Sla sla(Instant at) {
        return sla.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC).toString(), k -> new Sla());
    }

}
