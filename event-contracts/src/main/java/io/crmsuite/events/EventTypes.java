package io.crmsuite.events;

import java.util.List;

/** Every event type the suite publishes, and where its JSON Schema lives. */
public final class EventTypes {

    public static final int SCHEMA_VERSION = 1;

    public static final String CUSTOMER_REGISTERED = "customer.registered";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String CUSTOMER_ERASED = "customer.erased";
    public static final String PURCHASE_RECORDED = "purchase.recorded";
    public static final String CUSTOMER_TIER_CHANGED = "customer.tier-changed";
    public static final String CUSTOMER_LIFECYCLE_CHANGED = "customer.lifecycle-changed";

    public static final String COMPLAINT_RECEIVED = "complaint.received";
    public static final String COMPLAINT_ACKNOWLEDGED = "complaint.acknowledged";
    public static final String COMPLAINT_ASSIGNED = "complaint.assigned";
    public static final String COMPLAINT_HELD = "complaint.held";
    public static final String COMPLAINT_RESUMED = "complaint.resumed";
    public static final String COMPLAINT_SLA_WARNING = "complaint.sla-warning";
    public static final String COMPLAINT_SLA_BREACHED = "complaint.sla-breached";
    public static final String COMPLAINT_RESOLVED = "complaint.resolved";
    public static final String COMPLAINT_REOPENED = "complaint.reopened";
    public static final String COMPLAINT_CLOSED = "complaint.closed";
    public static final String COMPLAINT_SATISFACTION_RECORDED = "complaint.satisfaction-recorded";
    public static final String COMPLAINT_CUSTOMER_LINKED = "complaint.customer-linked";
    /** An escalation step applied to a complaint at risk or breached (level, trigger, team and severity moves). */
    public static final String COMPLAINT_ESCALATED = "complaint.escalated";

    public static final List<String> CUSTOMER_TYPES = List.of(CUSTOMER_REGISTERED, CUSTOMER_UPDATED, CUSTOMER_ERASED,
            PURCHASE_RECORDED, CUSTOMER_TIER_CHANGED, CUSTOMER_LIFECYCLE_CHANGED);

    public static final List<String> COMPLAINT_TYPES = List.of(COMPLAINT_RECEIVED, COMPLAINT_ACKNOWLEDGED,
            COMPLAINT_ASSIGNED, COMPLAINT_HELD, COMPLAINT_RESUMED, COMPLAINT_SLA_WARNING, COMPLAINT_SLA_BREACHED,
            COMPLAINT_RESOLVED, COMPLAINT_REOPENED, COMPLAINT_CLOSED, COMPLAINT_SATISFACTION_RECORDED,
            COMPLAINT_CUSTOMER_LINKED, COMPLAINT_ESCALATED);

    private EventTypes() {
    }

    /** The {@code dataschema} URI of a type: names the schema file {@code schemas/<type>.v<version>.json}. */
    public static String schemaOf(String type) {
        return "urn:crmsuite:schema:" + type + ":v" + SCHEMA_VERSION;
    }

    /** The class-path resource holding the JSON Schema of a type's {@code data}. */
    public static String schemaResource(String type) {
        return "schemas/" + type + ".v" + SCHEMA_VERSION + ".json";
    }
}
