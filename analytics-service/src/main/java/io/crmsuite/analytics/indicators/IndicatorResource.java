package io.crmsuite.analytics.indicators;

import java.math.BigDecimal;
import java.time.Clock;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.crmsuite.analytics.config.AnalyticsConfig;
import io.crmsuite.analytics.export.ComplaintExport;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.platform.http.QueryParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The indicators for BI tools, as JSON or, with {@code Accept: text/csv}, as CSV with the same columns.
 * {@code from} is inclusive and {@code to} exclusive, UTC dates; {@code asOf} is the time of the newest event
 * applied.
 */
@Tag(name = "indicators", description = "CRM indicators for BI tools")
@Path("/analytics")
@Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
public class IndicatorResource {

    private final Generations generations;
    private final ComplaintIndicators complaints;
    private final CustomerIndicators customers;
    private final CustomerValue value;
    private final ComplaintExport export;
    private final AnalyticsConfig config;
    private final Clock clock;

    IndicatorResource(Generations generations, ComplaintIndicators complaints, CustomerIndicators customers,
            CustomerValue value, ComplaintExport export, AnalyticsConfig config, Clock clock) {
        this.generations = generations;
        this.complaints = complaints;
        this.customers = customers;
        this.value = value;
        this.export = export;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("complaints/sla")
    @Operation(operationId = "getSlaIndicators", summary = "The 24-hour rule per period", description = "received; first resolutions: resolved, "
            + "within target, within 24 hours (count and share; pauses excluded), within 24 hours of wall-clock time; "
            + "deadlines that fell in the period and how many were met (dueInPeriod, metInPeriod, shareMetInPeriod); "
            + "breached, warnings, reopened, resolved after a reopen; resolution and first-response median/p90 (from "
            + "hour buckets); satisfaction (average, count per score, would buy again); compensation paid; complaints "
            + "per 1,000 purchases; escalation steps applied. groupBy: category, channel, severity, tier.")
    public Table sla(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("groupBy") String groupBy) {
        return complaints.sla(generations.active(), range(from, to), Period.parse(granularity), groupBy);
    }

    @GET
    @Path("complaints/backlog")
    @Operation(operationId = "getBacklog", summary = "Open complaints now by clock status, and the oldest deadline")
    public Table backlog() {
        return complaints.backlog(generations.active());
    }

    @GET
    @Path("customers/indicators")
    @Operation(operationId = "getCustomerIndicators", summary = "The customer base per period: new, reactivated, churned, retained, upgraded, downgraded",
            description = "The base is active customers (bought at least once, not churned, not erased). new = first "
                    + "purchase in the period; each rate = count / customers at the start of the period; retentionRate"
                    + " = retained / customers at start, retained = in the base since before the period and never out"
                    + " of it during it; upgraded / downgraded = customers whose tier at the end of the period is above"
                    + " / below their tier at its start; referredShare = new customers referred / new. groupBy: "
                    + "region, businessCategory, kind, tier, accountOwner.")
    public Table customerIndicators(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("groupBy") String groupBy) {
        return customers.indicators(generations.active(), range(from, to), Period.parse(granularity), groupBy);
    }

    @GET
    @Path("customers/value")
    @Operation(operationId = "getValuePerTier", summary = "Value per tier: customers, revenue, profit, retention, expected tenure, lifetime value",
            description = "Customers under the tier they hold at the end of the range (basis=at-end, the default) or "
                    + "each purchase under the tier held when buying (basis=at-purchase). lifetimeValue = average "
                    + "profit per customer x (1 + discountRate) / (1 + discountRate - retentionRate); discountRate "
                    + "0..1, 0 by default. revenueShareOfTop20PercentCustomers ranks the buyers of the range.")
    public Table value(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("basis") String basis, @QueryParam("discountRate") String discountRate) {
        BigDecimal d = QueryParams.decimal("discountRate", discountRate, "0", "1");
        return value.value(generations.active(), range(from, to), CustomerValue.Basis.parse(basis),
                d == null ? BigDecimal.ZERO : d);
    }

    @GET
    @Path("customers/churn")
    @Operation(operationId = "getChurnIndicators", summary = "Customers lost per period by churn reason and competitor, and the revenue they brought",
            description = "revenueInPrior12Months: their purchases in the 12 months up to the day of the churn.")
    public Table churn(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity) {
        return customers.churn(generations.active(), range(from, to), Period.parse(granularity));
    }

    @GET
    @Path("retention/by-resolution")
    @Operation(operationId = "getRetentionByResolution", summary = "Share of complainants who bought again, by how their complaint was resolved")
    public Table retention(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity) {
        return complaints.retentionByResolution(generations.active(), range(from, to), Period.parse(granularity));
    }

    @GET
    @Path("export/complaints")
    @Operation(operationId = "exportComplaintFacts", summary = "One fact row per complaint changed since the cursor", description = "Start without a "
            + "cursor; keep nextCursor and ask again for what changed since.")
    public Table exportComplaints(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Integer size = QueryParams.integer("limit", limit, 1, 10_000);
        return export.since(generations.active(), cursor, size == null ? config.exportDefaultLimit() : size);
    }

    private Range range(String from, String to) {
        return Range.parse(from, to, clock, config.maxRangeDays());
    }
}
