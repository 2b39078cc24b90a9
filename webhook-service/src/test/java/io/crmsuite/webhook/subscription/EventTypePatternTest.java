package io.crmsuite.webhook.subscription;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypePatternTest {

    @Test
    void matchesExactTypesPrefixesOfWholeSegmentsAndEverything() {
        assertTrue(EventTypePattern.matches("complaint.resolved", "complaint.resolved"));
        assertFalse(EventTypePattern.matches("complaint.resolved", "complaint.reopened"));
        assertTrue(EventTypePattern.matches("complaint.*", "complaint.sla-breached"));
        assertFalse(EventTypePattern.matches("complaint.*", "customer.registered"));
        assertFalse(EventTypePattern.matches("customer.*", "purchase.recorded"), "purchases have their own prefix");
        assertTrue(EventTypePattern.matches("purchase.*", "purchase.recorded"));
        assertTrue(EventTypePattern.matches("*", "customer.erased"));
        assertFalse(EventTypePattern.matches("complaint.*", "complaints.received"), "a prefix is whole segments");
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", "complaint.*", "customer.*", "purchase.*", "complaint.sla-breached", "customer.erased" })
    void acceptsPatternsThatMatchAPublishedType(String pattern) {
        assertNull(EventTypePattern.problem(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = { "complaint.unknown", "complaint.sla*", "complaint.*.x", "*.received", ".*", "invoice.*",
            "complaint", "**" })
    void refusesPatternsThatMatchNothingOrMisplaceTheWildcard(String pattern) {
        assertNotNull(EventTypePattern.problem(pattern));
    }
}
