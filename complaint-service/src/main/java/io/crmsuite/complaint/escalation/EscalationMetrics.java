package io.crmsuite.complaint.escalation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.crmsuite.complaint.complaint.Complaint;
import io.crmsuite.complaint.complaint.ComplaintWritten;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code crm_complaints_escalations_total{step}}: the escalation steps this replica stored, counted after the write
 * that stored them won (a scan that lost its race counts nothing), so the replicas' counters add up to the steps
 * recorded. Every configured step has its counter from the start, at 0.
 */
@ApplicationScoped
@Startup
public class EscalationMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> byStep = new ConcurrentHashMap<>();

    EscalationMetrics(MeterRegistry registry, EscalationSteps steps) {
        this.registry = registry;
        steps.all().forEach(s -> counter(s.name()));
    }

    void written(@Observes ComplaintWritten written) {
        for (Complaint.Escalation e : written.complaint().sla.escalations) {
            if (e.version > written.readVersion()) {
                counter(e.step).increment();
            }
        }
    }

    private Counter counter(String step) {
        return byStep.computeIfAbsent(step, s -> Counter.builder("crm.complaints.escalations")
                .description("Escalation steps applied to complaints at risk or breached, by step")
                .tag("step", s).register(registry));
    }
}
