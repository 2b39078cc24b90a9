package io.crmsuite.webhook.subscription;

/**
 * An event type a subscription asks for: an exact type ({@code complaint.resolved}), every type under a prefix of
 * whole segments ({@code complaint.*}, {@code purchase.*}), or {@code *} for all. A pattern that can match no type
 * the suite publishes is refused: a typo would otherwise be a subscription that silently never fires.
 */
public final class EventTypePattern {

    public static final String ALL = "*";
    private static final String WILDCARD_SUFFIX = ".*";

    private EventTypePattern() {
    }

    public static boolean matches(String pattern, String type) {
        if (pattern.equals(ALL)) {
            return true;
        }
        if (pattern.endsWith(WILDCARD_SUFFIX)) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    /** Why {@code pattern} is refused, or null when it names at least one known type. */
    public static String problem(String pattern) {
        if (pattern.equals(ALL)) {
            return null;
        }
        String prefix = pattern.endsWith(WILDCARD_SUFFIX) ? pattern.substring(0, pattern.length() - 2) : null;
        if ((prefix != null && (prefix.isEmpty() || prefix.contains("*"))) || (prefix == null && pattern.contains("*"))) {
            return "'" + pattern + "': a wildcard stands for whole segments at the end, e.g. complaint.* (or * for all)";
        }
        if (EventCatalog.TYPES.stream().noneMatch(type -> matches(pattern, type))) {
            return "'" + pattern + "' matches no event type; the types are " + String.join(", ", EventCatalog.TYPES)
                    + " (or a prefix such as complaint.*, or *)";
        }
        return null;
    }
}
