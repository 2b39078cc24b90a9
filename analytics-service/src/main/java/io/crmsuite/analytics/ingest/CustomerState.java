package io.crmsuite.analytics.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import io.crmsuite.analytics.store.CustomerHistory;
import io.crmsuite.analytics.store.Increments;

/**
 * A customer's facts as the customer projection keeps them (one document of {@code customers_g<N>}):
 * <ul>
 * <li>{@code dims}: the dimension values the indicators group by (region, businessCategory, kind, tier,
 * accountOwner), and {@code referred};
 * <li>{@code spans}: the periods the customer was active ({@code s} start, {@code e} end or null, {@code d} the
 * dimension values it started with, {@code first}); active = bought at least once, not churned, not erased;
 * <li>{@code attribution}: under which dimension values the open span is counted since when (its start, then each
 * move), kept for the last {@link #ATTRIBUTION_DAYS} days, which a period's start needs;
 * <li>{@code tiers}: every tier held and since when, for the tier at any period's start;
 * <li>{@code moves}: per granularity, the upgrade or downgrade this customer counts for in its latest period;
 * <li>{@code revenueByDay}: purchases of the last 400 days, for the revenue a churned customer brought.
 * </ul>
 */
final class CustomerState {

    /** The dimensions {@code groupBy} offers, besides {@code all}. */
    static final List<String> DIMENSIONS = List.of("region", "businessCategory", "kind", "tier", "accountOwner");
    static final int ATTRIBUTION_DAYS = 40;
    static final int MAX_TIERS = 1000;
    static final int MAX_SPANS = 100;

    private final Document doc;

    /** Works on a deep copy: the facts read stay as they were if the event turns out invalid halfway. */
    CustomerState(Document facts) {
        this.doc = (Document) copy(facts);
    }

    private static Object copy(Object value) {
        if (value instanceof Document d) {
            Document copy = new Document();
            d.forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** The fields to write back. */
    Document fields() {
        return doc;
    }

    // ------------------------------------------------------------------ dimensions

    /** The current dimension values, as bucket keys, with {@code all} first. */
    Map<String, String> dims() {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("all", "_");
        Document stored = doc.get("dims", new Document());
        DIMENSIONS.forEach(dim -> dims.put(dim, stored.getString(dim) == null ? "UNKNOWN" : stored.getString(dim)));
        return dims;
    }

    void setDims(Map<String, String> dims) {
        Document stored = new Document();
        DIMENSIONS.forEach(dim -> stored.put(dim, dims.get(dim)));
        doc.put("dims", stored);
    }

    /** {@code dims} with one value changed. */
    static Map<String, String> with(Map<String, String> dims, String dim, String value) {
        Map<String, String> changed = new LinkedHashMap<>(dims);
        changed.put(dim, Increments.key(value));
        return changed;
    }

    static Map<String, String> asDims(Document stored) {
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("all", "_");
        DIMENSIONS.forEach(dim -> dims.put(dim, stored.getString(dim)));
        return dims;
    }

    static Document stored(Map<String, String> dims) {
        Document stored = new Document();
        DIMENSIONS.forEach(dim -> stored.put(dim, dims.get(dim)));
        return stored;
    }

    boolean referred() {
        return doc.getBoolean("referred", false);
    }

    void setReferred(boolean referred) {
        doc.put("referred", referred);
    }

    String tier() {
        return dims().get("tier");
    }

    // ------------------------------------------------------------------ status

    boolean active() {
        return doc.getBoolean("active", false);
    }

    boolean churned() {
        return doc.getBoolean("churned", false);
    }

    boolean erased() {
        return doc.getBoolean("erased", false);
    }

    Instant firstPurchaseAt() {
        return instant(doc.getDate("firstPurchaseAt"));
    }

    void setFirstPurchaseAt(Instant at) {
        doc.put("firstPurchaseAt", Date.from(at));
    }

    void setChurned(boolean churned) {
        doc.put("churned", churned);
    }

    void setErased() {
        doc.put("erased", true);
    }

    /** Whether the customer belongs to the base: bought at least once, not churned, not erased. */
    boolean qualifies() {
        return firstPurchaseAt() != null && !churned() && !erased();
    }

    // ------------------------------------------------------------------ spans and attribution

    List<Document> spans() {
        return new ArrayList<>(doc.getList("spans", Document.class, List.of()));
    }

    void setSpans(List<Document> spans) {
        doc.put("spans", spans.size() > MAX_SPANS ? spans.subList(spans.size() - MAX_SPANS, spans.size()) : spans);
    }

    void setActive(boolean active) {
        doc.put("active", active);
    }

    List<Document> attribution() {
        return new ArrayList<>(doc.getList("attribution", Document.class, List.of()));
    }

    /** Keeps the entries of the last {@link #ATTRIBUTION_DAYS} days before {@code now} and the one in force then. */
    void setAttribution(List<Document> entries, Instant now) {
        Instant horizon = now.minus(java.time.Duration.ofDays(ATTRIBUTION_DAYS));
        int firstKept = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getDate("at").toInstant().isBefore(horizon)) {
                firstKept = i;
            }
        }
        doc.put("attribution", new ArrayList<>(entries.subList(firstKept, entries.size())));
    }

    /** The dimension values the open span was counted under just before {@code instant}. */
    Map<String, String> attributedBefore(Instant instant) {
        Document found = null;
        for (Document entry : attribution()) {
            if (entry.getDate("at").toInstant().isBefore(instant)) {
                found = entry;
            }
        }
        return asDims((found == null ? attribution().get(0) : found).get("d", Document.class));
    }

    // ------------------------------------------------------------------ tiers

    /** The tier held just before {@code instant} (the oldest one known if the history starts later). */
    String tierBefore(Instant instant) {
        return CustomerHistory.tierBefore(doc.getList("tiers", Document.class, List.of()), instant, tier());
    }

    void addTier(Instant at, String tier) {
        List<Document> tiers = new ArrayList<>(doc.getList("tiers", Document.class, List.of()));
        tiers.add(new Document("at", Date.from(at)).append("t", tier));
        doc.put("tiers", tiers.size() > MAX_TIERS ? tiers.subList(tiers.size() - MAX_TIERS, tiers.size()) : tiers);
    }

    /** The upgrade or downgrade counted for the customer's latest period of {@code granularity}, or null. */
    Document move(String granularity) {
        return doc.get("moves", new Document()).get(granularity, Document.class);
    }

    void setMove(String granularity, Document move) {
        Document moves = new Document(doc.get("moves", new Document()));
        moves.put(granularity, move);
        doc.put("moves", moves);
    }

    // ------------------------------------------------------------------ revenue

    Document revenueByDay() {
        return new Document(doc.get("revenueByDay", new Document()));
    }

    void setRevenueByDay(Document byDay) {
        doc.put("revenueByDay", byDay);
    }

    /** The last churn: {@code at}, {@code reason}, {@code competitor} (bucket keys), or null. */
    Document churn() {
        return doc.get("churn", Document.class);
    }

    void setChurn(Document churn) {
        doc.put("churn", churn);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
