package io.crmsuite.analytics.indicators;

import java.time.Clock;

import org.eclipse.microprofile.openapi.annotations.Operation;

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
@Path("/analytics")
@Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
public class IndicatorResource {

    private final Generations generations;
    private final ComplaintIndicators complaints;
    private final CustomerIndicators customers;
    private final ComplaintExport export;
    private final AnalyticsConfig config;
    private final Clock clock;

    IndicatorResource(Generations generations, ComplaintIndicators complaints, CustomerIndicators customers,
            ComplaintExport export, AnalyticsConfig config, Clock clock) {
        this.generations = generations;
        this.complaints = complaints;
        this.customers = customers;
        this.export = export;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("complaints/sla")
    @Operation(summary = "The 24-hour rule per period", description = "received; first resolutions: resolved, "
            + "within target, within 24 hours (count and share; pauses excluded), within 24 hours of wall-clock time; "
            + "deadlines that fell in the period and how many were met (dueInPeriod, metInPeriod, shareMetInPeriod); "
            + "breached, warnings, reopened, resolved after a reopen; resolution and first-response median/p90 (from "
            + "hour buckets); satisfaction (average, count per score, would buy again); compensation paid; complaints "
            + "per 1,000 purchases. groupBy: category, channel, severity, tier.")
    public Table sla(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("groupBy") String groupBy) {
        return complaints.sla(generations.active(), range(from, to), Period.parse(granularity), groupBy);
    }

    @GET
    @Path("complaints/backlog")
    @Operation(summary = "Open complaints now by clock status, and the oldest deadline")
    public Table backlog() {
        return complaints.backlog(generations.active());
    }

    @GET
    @Path("customers/indicators")
    @Operation(summary = "New, churned, upgraded, downgraded customers (count and rate), retention, revenue, profit",
            description = "rate = count / customers at the start of the period; retention = (customers at end - new) / "
                    + "customers at start. groupBy: region.")
    public Table customerIndicators(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity, @QueryParam("groupBy") String groupBy) {
        return customers.indicators(generations.active(), range(from, to), Period.parse(granularity), groupBy);
    }

    @GET
    @Path("customers/value")
    @Operation(summary = "Tier pyramid, revenue concentration (80/20) and lifetime value per tier")
    public Table value(@QueryParam("from") String from, @QueryParam("to") String to) {
        return customers.value(generations.active(), range(from, to));
    }

    @GET
    @Path("retention/by-resolution")
    @Operation(summary = "Share of complainants who bought again, by how their complaint was resolved")
    public Table retention(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("granularity") String granularity) {
        return complaints.retentionByResolution(generations.active(), range(from, to), Period.parse(granularity));
    }

    @GET
    @Path("export/complaints")
    @Operation(summary = "One fact row per complaint changed since the cursor", description = "Start without a "
            + "cursor; keep nextCursor and ask again for what changed since.")
    public Table exportComplaints(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Integer size = QueryParams.integer("limit", limit, 1, 10_000);
        return export.since(generations.active(), cursor, size == null ? config.exportDefaultLimit() : size);
    }

    private Range range(String from, String to) {
        return Range.parse(from, to, clock, config.maxRangeDays());
    }
}
