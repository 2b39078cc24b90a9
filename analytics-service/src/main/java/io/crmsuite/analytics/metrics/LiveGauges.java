package io.crmsuite.analytics.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.crmsuite.analytics.indicators.ComplaintIndicators;
import io.crmsuite.analytics.indicators.Period;
import io.crmsuite.analytics.indicators.Range;
import io.crmsuite.analytics.indicators.Table;
import io.crmsuite.analytics.store.Generations;
import io.crmsuite.platform.problem.ScheduledJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Live figures for Prometheus and Grafana alerts, refreshed every few seconds from the buckets (a scrape never
 * queries MongoDB itself).
 */
@ApplicationScoped
public class LiveGauges {

    private record Snapshot(Map<String, Object> today, Map<String, Object> backlog, Instant asOf) {
    }

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(Map.of(), Map.of(), null));
    private final Generations generations;
    private final ComplaintIndicators complaints;
    private final MeterRegistry registry;
    private final Clock clock;
    /** During a MongoDB outage the gauges keep their last values and the refresh says so once, not every 5 s. */
    private final ScheduledJob job = new ScheduledJob(LiveGauges.class, "the live gauges' refresh");

    LiveGauges(Generations generations, ComplaintIndicators complaints, MeterRegistry registry, Clock clock) {
        this.generations = generations;
        this.complaints = complaints;
        this.registry = registry;
        this.clock = clock;
    }

    void register(@Observes StartupEvent start) {
        gauge("crm_complaints_received_today", "Complaints received today (UTC)", s -> number(s.today(), "received"));
        gauge("crm_complaints_resolved_today", "Complaints resolved for the first time today (UTC)",
                s -> number(s.today(), "resolved"));
        gauge("crm_complaints_share_resolved_within_target_today",
                "Share of today's resolutions within their target (NaN before the first)",
                s -> number(s.today(), "shareResolvedWithinTarget"));
        gauge("crm_complaints_breaches_today", "Deadlines missed today (UTC)", s -> number(s.today(), "breached"));
        for (String state : new String[] { "open", "onTrack", "atRisk", "breached", "onHold" }) {
            Gauge.builder("crm_complaints_backlog", snapshot, r -> number(r.get().backlog(), state))
                    .description("Open complaints now, by clock state").tag("state", state).register(registry);
        }
        gauge("crm_analytics_event_lag_seconds", "Seconds since the newest event applied was published",
                s -> s.asOf() == null ? Double.NaN : (clock.millis() - s.asOf().toEpochMilli()) / 1000.0);
    }

    @Scheduled(every = "${crm.analytics.gauges-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        job.run(() -> {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            var g = generations.active();
            Table sla = complaints.sla(g, new Range(today, today.plusDays(1)), Period.DAY, null);
            snapshot.set(new Snapshot(sla.rows().get(0), complaints.backlogCounts(g), g.asOf()));
        });
    }

    private void gauge(String name, String description, java.util.function.ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, snapshot, r -> value.applyAsDouble(r.get())).description(description).register(registry);
    }

    private static double number(Map<String, Object> row, String key) {
        return row.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
