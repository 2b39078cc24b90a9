package io.crmsuite.analytics.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.crmsuite.analytics.ingest.BatchApplier;
import io.crmsuite.analytics.ingest.SourceEvent;
import io.crmsuite.analytics.store.Generation;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.events.CloudEvent;
import io.crmsuite.events.ComplaintEventData;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The SLA figures of six complaints and four purchases over three days, applied to a scratch generation (in small
 * batches, then all again as a redelivery) and read back with the query; every expected number is worked out by
 * hand below. Targets are 24 clock hours unless said otherwise.
 *
 * <pre>
 * A BILLING   received 02-06 08:00 (due 02-07 08:00); resolved 02-06 10:00, 2 h, met, compensation 20.00;
 *             rated 2, would not buy again; reopened 02-06 12:00 (cycle 2, due 02-07 12:00), breached then,
 *             resolved again 02-07 20:00 (32 h, missed, compensation 5.50)
 * B DELIVERY  received 02-06 09:00 (due 02-07 09:00); warned 02-07 04:12; breached 02-07 09:00;
 *             resolved 02-07 13:00, 28 h, missed, compensation 12.34; rated 4, would-buy-again not answered
 * C DELIVERY  received 02-06 20:00 (due 02-07 20:00); on hold 02-06 22:00 to 02-07 22:00, which moves the
 *             deadline to 02-08 20:00; resolved 02-08 10:00: 38 h of wall-clock time, 14 h counted, met; rated 5, yes
 * D DELIVERY  received 02-06 23:00 (due 02-07 23:00); resolved 02-06 23:30, 30 min, met
 * E DELIVERY  received 02-06 10:00 without a tier (due 02-07 10:00); linked 02-06 13:00 to a platinum customer:
 *             2 h policy, due 02-06 12:00, warned (11:36) and breached (12:00) at once; resolved 02-06 15:00,
 *             5 h, missed; rated 5, yes
 * F DELIVERY  received 02-08 09:00 (due 02-09 09:00), still open
 * purchases   02-06: 3, 02-07: none, 02-08: 1
 * </pre>
 */
@QuarkusTest
class SlaOutcomesTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    BatchApplier applier;
    @Inject
    Generations generations;
    @Inject
    ComplaintIndicators indicators;

    private Generation g;
    private final List<SourceEvent> events = new ArrayList<>();
    private long complaintOffset;
    private long customerOffset;

    @BeforeEach
    void scratchGeneration() {
        g = generations.generation(2900 + (int) (Math.random() * 1000));
        g.drop();
        g.createIndexes();
    }

    @AfterEach
    void dropScratch() {
        g.drop();
    }

    @Test
    void onlyFirstResolutionsCountAndEachDeadlineCountsOnceOnItsDay() {
        applyHistoryTwice();
        List<Map<String, Object>> days = slaRows(Period.DAY, null);
        assertEquals(List.of("2023-02-06", "2023-02-07", "2023-02-08"), days.stream().map(r -> r.get("period")).toList());

        // 02-06: five received; first resolutions A, D, E (E missed its 2 h target; all three within 24 h, also by
        // the wall clock); E's deadline fell on 02-06 and was missed; A reopened
        expect(days.get(0), "received", 5L, "resolved", 3L, "resolvedWithinTarget", 2L,
                "shareResolvedWithinTarget", 0.6667, "resolvedWithin24h", 3L, "shareResolvedWithin24h", 1.0,
                "resolvedWithin24hWallClock", 3L, "dueInPeriod", 1L, "metInPeriod", 0L, "shareMetInPeriod", 0.0,
                "breached", 1L, "warnings", 1L, "reopened", 1L, "resolvedAfterReopen", 0L,
                "averageResolutionHours", 2.5); // (2 + 0.5 + 5) / 3
        // 02-07: B's first resolution (28 h: neither within target nor 24 h); A's second resolution counts apart;
        // the deadlines of A (met), B (breached) and D (met) fell that day, C's had moved to 02-08
        expect(days.get(1), "received", 0L, "resolved", 1L, "resolvedWithinTarget", 0L,
                "shareResolvedWithinTarget", 0.0, "resolvedWithin24h", 0L, "shareResolvedWithin24h", 0.0,
                "resolvedWithin24hWallClock", 0L, "dueInPeriod", 3L, "metInPeriod", 2L, "shareMetInPeriod", 0.6667,
                "breached", 2L, "warnings", 1L, "reopened", 0L, "resolvedAfterReopen", 1L,
                "averageResolutionHours", 28.0, "medianResolutionHours", 28.0);
        // 02-08: C resolved after 14 counted hours (met, within 24 h) but 38 h of wall-clock time; its moved
        // deadline fell that day and was met; F received
        expect(days.get(2), "received", 1L, "resolved", 1L, "resolvedWithinTarget", 1L, "resolvedWithin24h", 1L,
                "resolvedWithin24hWallClock", 0L, "dueInPeriod", 1L, "metInPeriod", 1L, "shareMetInPeriod", 1.0,
                "averageResolutionHours", 14.0, "breached", 0L, "resolvedAfterReopen", 0L);

        expect(slaRows(Period.MONTH, null).get(0), "period", "2023-02", "received", 6L, "resolved", 5L,
                "resolvedWithinTarget", 3L, "shareResolvedWithinTarget", 0.6, "resolvedWithin24h", 4L,
                "shareResolvedWithin24h", 0.8, "resolvedWithin24hWallClock", 3L, "dueInPeriod", 5L, "metInPeriod", 3L,
                "shareMetInPeriod", 0.6, "breached", 3L, "warnings", 2L, "reopened", 1L, "resolvedAfterReopen", 1L);
    }

    @Test
    void breakdownsPerDayMonthAndCategory() {
        applyHistoryTwice();
        List<Map<String, Object>> days = slaRows(Period.DAY, null);
        // 02-06: compensation of A's first resolution; 5 complaints for 3 purchases; A rated 2 (no), E 5 (yes)
        expect(days.get(0), "compensationTotal", new BigDecimal("20.00"),
                "complaintsPerThousandPurchases", 1666.67, // 5 / 3 x 1000
                "satisfactionResponses", 2L, "averageSatisfaction", 3.5, "wouldBuyAgainShare", 0.5,
                "satisfaction1", 0L, "satisfaction2", 1L, "satisfaction3", 0L, "satisfaction4", 0L, "satisfaction5", 1L);
        // 02-07: A's second resolution and B's (every resolution's compensation is paid); no purchase; B rated 4
        // without answering whether it would buy again
        expect(days.get(1), "compensationTotal", new BigDecimal("17.84"), // 5.50 + 12.34
                "complaintsPerThousandPurchases", null, "satisfactionResponses", 1L, "averageSatisfaction", 4.0,
                "wouldBuyAgainShare", null, "satisfaction1", 0L, "satisfaction2", 0L, "satisfaction3", 0L,
                "satisfaction4", 1L, "satisfaction5", 0L);
        // 02-08: no compensation; F for 1 purchase; C rated 5 (yes)
        expect(days.get(2), "compensationTotal", new BigDecimal("0.00"), "complaintsPerThousandPurchases", 1000.0,
                "wouldBuyAgainShare", 1.0, "satisfaction5", 1L);

        expect(slaRows(Period.MONTH, null).get(0), "compensationTotal", new BigDecimal("37.84"),
                "complaintsPerThousandPurchases", 1500.0, // 6 / 4 x 1000
                "satisfactionResponses", 4L, "averageSatisfaction", 4.0, // (2 + 4 + 5 + 5) / 4
                "wouldBuyAgainShare", 0.6667, // A no, E yes, C yes; B did not answer
                "satisfaction1", 0L, "satisfaction2", 1L, "satisfaction3", 0L, "satisfaction4", 1L, "satisfaction5", 2L);

        // by category: on 02-06 A alone is BILLING; every purchase of the day is the base of each group's rate, so
        // the groups add up to the day's 1666.67
        List<Map<String, Object>> byCategory = slaRows(Period.DAY, "category");
        assertEquals(List.of("2023-02-06|BILLING", "2023-02-06|DELIVERY", "2023-02-07|BILLING", "2023-02-07|DELIVERY",
                "2023-02-08|DELIVERY"), byCategory.stream().map(r -> r.get("period") + "|" + r.get("category")).toList());
        expect(byCategory.get(0), "received", 1L, "resolved", 1L, "compensationTotal", new BigDecimal("20.00"),
                "complaintsPerThousandPurchases", 333.33, "wouldBuyAgainShare", 0.0, "satisfaction2", 1L);
        expect(byCategory.get(1), "received", 4L, "resolved", 2L, "dueInPeriod", 1L, "metInPeriod", 0L,
                "compensationTotal", new BigDecimal("0.00"), "complaintsPerThousandPurchases", 1333.33,
                "wouldBuyAgainShare", 1.0, "satisfaction5", 1L);
        // 02-07, BILLING: A's second resolution only; no purchase that day
        expect(byCategory.get(2), "received", 0L, "resolved", 0L, "resolvedAfterReopen", 1L,
                "compensationTotal", new BigDecimal("5.50"), "complaintsPerThousandPurchases", null);
    }

    private void applyHistoryTwice() {
        history();
        for (int i = 0; i < events.size(); i += 3) {
            applier.apply(g, events.subList(i, Math.min(i + 3, events.size())));
        }
        applier.apply(g, events); // a redelivery of everything: nothing counts twice
    }

    private List<Map<String, Object>> slaRows(Period period, String groupBy) {
        return indicators.sla(g, new Range(LocalDate.parse("2023-02-06"), LocalDate.parse("2023-02-09")), period,
                groupBy).rows();
    }

    private void history() {
        String a = complaint("BILLING", "GOLD", at("06 08:00"));
        resolved(a, "BILLING", "GOLD", 1, at("06 08:00"), at("06 10:00"), 7200, true, "20.00", at("07 08:00"));
        satisfaction(a, "BILLING", "GOLD", at("06 08:00"), at("06 10:05"), 2, false);
        clock(a, EventTypes.COMPLAINT_REOPENED, "BILLING", "GOLD", 2, at("06 12:00"), at("06 12:00"),
                at("07 12:00"), "IN_PROGRESS", "ON_TRACK");
        clock(a, EventTypes.COMPLAINT_SLA_BREACHED, "BILLING", "GOLD", 2, at("06 12:00"), at("07 12:00"),
                at("07 12:00"), "IN_PROGRESS", "BREACHED");
        resolved(a, "BILLING", "GOLD", 2, at("06 12:00"), at("07 20:00"), 32 * 3600, false, "5.50", at("07 12:00"));

        String b = complaint("DELIVERY", "GOLD", at("06 09:00"));
        clock(b, EventTypes.COMPLAINT_SLA_WARNING, "DELIVERY", "GOLD", 1, at("06 09:00"), at("07 04:12"),
                at("07 09:00"), "RECEIVED", "AT_RISK");
        clock(b, EventTypes.COMPLAINT_SLA_BREACHED, "DELIVERY", "GOLD", 1, at("06 09:00"), at("07 09:00"),
                at("07 09:00"), "RECEIVED", "BREACHED");
        resolved(b, "DELIVERY", "GOLD", 1, at("06 09:00"), at("07 13:00"), 28 * 3600, false, "12.34", at("07 09:00"));
        satisfaction(b, "DELIVERY", "GOLD", at("06 09:00"), at("07 14:00"), 4, null);

        String c = complaint("DELIVERY", "GOLD", at("06 20:00"));
        clock(c, EventTypes.COMPLAINT_HELD, "DELIVERY", "GOLD", 1, at("06 20:00"), at("06 22:00"), at("07 20:00"),
                "ON_HOLD", "ON_TRACK");
        clock(c, EventTypes.COMPLAINT_RESUMED, "DELIVERY", "GOLD", 1, at("06 20:00"), at("07 22:00"), at("08 20:00"),
                "RECEIVED", "ON_TRACK");
        resolved(c, "DELIVERY", "GOLD", 1, at("06 20:00"), at("08 10:00"), 14 * 3600, true, null, at("08 20:00"));
        satisfaction(c, "DELIVERY", "GOLD", at("06 20:00"), at("08 11:00"), 5, true);

        String d = complaint("DELIVERY", "GOLD", at("06 23:00"));
        resolved(d, "DELIVERY", "GOLD", 1, at("06 23:00"), at("06 23:30"), 1800, true, null, at("07 23:00"));

        String e = complaint("DELIVERY", null, at("06 10:00"));
        clock(e, EventTypes.COMPLAINT_CUSTOMER_LINKED, "DELIVERY", "PLATINUM", 1, at("06 10:00"), at("06 13:00"),
                at("06 12:00"), "RECEIVED", "BREACHED");
        clock(e, EventTypes.COMPLAINT_SLA_WARNING, "DELIVERY", "PLATINUM", 1, at("06 10:00"), at("06 11:36"),
                at("06 12:00"), "RECEIVED", "BREACHED");
        clock(e, EventTypes.COMPLAINT_SLA_BREACHED, "DELIVERY", "PLATINUM", 1, at("06 10:00"), at("06 12:00"),
                at("06 12:00"), "RECEIVED", "BREACHED");
        resolved(e, "DELIVERY", "PLATINUM", 1, at("06 10:00"), at("06 15:00"), 5 * 3600, false, null, at("06 12:00"));
        satisfaction(e, "DELIVERY", "PLATINUM", at("06 10:00"), at("06 15:30"), 5, true);

        complaint("DELIVERY", "GOLD", at("08 09:00"));

        String customer = UUID.randomUUID().toString();
        customerEvent(customer, EventTypes.CUSTOMER_REGISTERED, at("06 07:00"), new CustomerEventData.Profile(
                UUID.fromString(customer), "END_CUSTOMER", "c", "south", "retail", "rep", null, List.of(), List.of(),
                List.of(), "GOLD", "PROSPECT", at("06 07:00"), List.of()));
        for (String when : List.of("06 09:30", "06 11:00", "06 16:00", "08 12:00")) {
            customerEvent(customer, EventTypes.PURCHASE_RECORDED, at(when), new CustomerEventData.PurchaseRecorded(
                    UUID.randomUUID(), UUID.fromString(customer), new BigDecimal("10.00"), "EUR",
                    new BigDecimal("2.50"), at(when), "web", "shoes", "south", "GOLD", 1));
        }
    }

    private static Instant at(String dayAndTime) {
        return Instant.parse("2023-02-" + dayAndTime.replace(' ', 'T') + ":00Z");
    }

    /** Checks the given columns of a row: name, value, name, value, ... (null allowed). */
    private static void expect(Map<String, Object> row, Object... namesAndValues) {
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> actual = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String column = (String) namesAndValues[i];
            assertEquals(true, row.containsKey(column), "a column " + column);
            expected.put(column, namesAndValues[i + 1]);
            actual.put(column, row.get(column));
        }
        assertEquals(expected, actual, "row " + row.get("period"));
    }

    // --- the events, as complaint-service and customer-service publish them ---

    private final Map<String, Integer> versions = new LinkedHashMap<>();

    private String complaint(String category, String tier, Instant received) {
        String id = UUID.randomUUID().toString();
        clock(id, EventTypes.COMPLAINT_RECEIVED, category, tier, 1, received, received,
                received.plus(Duration.ofHours(24)), "RECEIVED", "ON_TRACK");
        return id;
    }

    private void clock(String id, String type, String category, String tier, int cycle, Instant start, Instant at,
            Instant due, String status, String clock) {
        complaintEvent(id, type, category, tier, cycle, start, at, due, status, clock, null, null);
    }

    private void resolved(String id, String category, String tier, int cycle, Instant start, Instant at,
            long seconds, boolean met, String compensation, Instant due) {
        complaintEvent(id, EventTypes.COMPLAINT_RESOLVED, category, tier, cycle, start, at, due, "RESOLVED",
                met ? "MET" : "MISSED", new ComplaintEventData.Resolution("FIXED", null,
                        compensation == null ? null : "VOUCHER", compensation == null ? null : new BigDecimal(compensation),
                        seconds, met, null), null);
    }

    private void satisfaction(String id, String category, String tier, Instant start, Instant at, int score,
            Boolean wouldBuyAgain) {
        complaintEvent(id, EventTypes.COMPLAINT_SATISFACTION_RECORDED, category, tier, 1, start, at,
                start.plus(Duration.ofHours(24)), "RESOLVED", "MET", null,
                new ComplaintEventData.Satisfaction(score, wouldBuyAgain, null));
    }

    private void complaintEvent(String id, String type, String category, String tier, int cycle, Instant start,
            Instant at, Instant due, String status, String clock, ComplaintEventData.Resolution resolution,
            ComplaintEventData.Satisfaction satisfaction) {
        int version = versions.merge(id, 1, Integer::sum);
        Instant received = version == 1 ? at : receivedAt(id);
        boolean platinum = "PLATINUM".equals(tier);
        ComplaintEventData data = new ComplaintEventData(UUID.fromString(id), null, "UNMATCHED", tier, "PHONE",
                category, "HIGH", "callcenter", status, received, "test", at,
                new ComplaintEventData.Sla(cycle, platinum ? "platinum" : "default", 1, platinum ? 7200 : 86400, start,
                        due, clock, 0, 0),
                null, resolution, satisfaction, null, null);
        events.add(new SourceEvent(Topics.COMPLAINT_EVENTS, 0, ++complaintOffset,
                CloudEvent.of("urn:test", type, id, version, at, JSON.valueToTree(data))));
    }

    /** The receipt of a complaint: the time of its first event. */
    private Instant receivedAt(String id) {
        return events.stream().filter(e -> e.event().subject().equals(id)).findFirst()
                .map(e -> e.event().time()).orElse(null);
    }

    private void customerEvent(String id, String type, Instant at, Object data) {
        int version = versions.merge(id, 1, Integer::sum);
        events.add(new SourceEvent(Topics.CUSTOMER_EVENTS, 0, ++customerOffset,
                CloudEvent.of("urn:test", type, id, version, at, JSON.valueToTree(data))));
    }
}
