package io.crmsuite.complaint.complaint;

/** Holder of the small vocabularies of a complaint. */
public final class Enums {

    private Enums() {
    }

    public enum Channel {
        PHONE, EMAIL, WEB, CHAT, IN_PERSON, SOCIAL
    }

    public enum Category {
        PRODUCT_QUALITY, DELIVERY, BILLING, SERVICE, STAFF, OTHER
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL
    }

    /** Where the complaint is in its handling. RECEIVED to ON_HOLD are open. */
    public enum Status {
        RECEIVED, ACKNOWLEDGED, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED;

        public boolean isOpen() {
            return this != RESOLVED && this != CLOSED;
        }
    }

    /** How the complaint is tied to a customer record. */
    public enum CustomerMatch {
        /** Linked to a customer known to this service. */
        MATCHED,
        /** Taken in with contact details only; linked when a customer with that e-mail or phone appears. */
        UNMATCHED,
        /** Taken in with a customer id this service has not seen (yet); linked when it appears. */
        UNKNOWN_CUSTOMER,
        /** The customer was erased on request; contact details were removed. */
        ERASED
    }

    /** The resolution clock of a complaint. */
    public enum ClockStatus {
        ON_TRACK, AT_RISK, BREACHED, MET, MISSED
    }
}
