package io.crmsuite.customer.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.customer.lifecycle.LifecycleStage;
import io.crmsuite.customer.tier.Tier;
import io.crmsuite.platform.contact.ContactFormats;
import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Customer search with keyset pagination: each page continues after the sort key of the previous page's last
 * item, so page 10,000 costs what page 1 costs. Erased customers are not listed.
 */
@ApplicationScoped
public class CustomerSearch {

    /** The sort orders a client can ask for; each ends with the id so the order is total and stable. */
    public enum Sort {
        name("lower(name) COLLATE \"C\""),
        createdAt("created_at"),
        updatedAt("updated_at");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    public record Criteria(String name, String email, String phone, Kind kind, Tier tier, LifecycleStage lifecycleStage,
            String businessCategory, String region, String accountOwner, Instant updatedSince, Sort sort,
            Integer limit, String cursor) {
    }

    public record Page(List<CustomerView> items, String nextCursor) {
    }

    private final EntityManager em;
    private final CustomerConfig config;

    CustomerSearch(EntityManager em, CustomerConfig config) {
        this.em = em;
        this.config = config;
    }

    public Page search(Criteria c) {
        int limit = limit(c.limit());
        Sort sort = c.sort() == null ? Sort.name : c.sort();
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (c.email() != null || c.phone() != null) {
            // An e-mail or phone names a handful of customers: find them through the GIN index first. Left to
            // itself the planner walks the name index for the sort and filters the arrays row by row.
            sql.append("WITH matched AS MATERIALIZED (SELECT * FROM customer WHERE erased_at IS NULL");
            if (c.email() != null) {
                sql.append(" AND emails @> ARRAY[?]::text[]");
                params.add(ContactFormats.normalizeEmail(c.email()));
            }
            if (c.phone() != null) {
                sql.append(" AND phones @> ARRAY[?]::text[]");
                params.add(ContactFormats.normalizePhone(c.phone()));
            }
            sql.append(") SELECT * FROM matched WHERE true");
        } else {
            sql.append("SELECT * FROM customer WHERE erased_at IS NULL");
        }
        if (c.name() != null && !c.name().isBlank()) {
            sql.append(" AND lower(name) COLLATE \"C\" LIKE ? ESCAPE '\\'");
            params.add(escapeLike(c.name().trim().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        equal(sql, params, "kind", c.kind());
        equal(sql, params, "tier", c.tier());
        equal(sql, params, "lifecycle_stage", c.lifecycleStage());
        equal(sql, params, "business_category", c.businessCategory());
        equal(sql, params, "region", c.region());
        equal(sql, params, "account_owner", c.accountOwner());
        if (c.updatedSince() != null) {
            sql.append(" AND updated_at >= ?");
            params.add(c.updatedSince());
        }
        if (c.cursor() != null) {
            List<String> after = Cursor.decode(c.cursor(), 3);
            if (!after.get(0).equals(sort.name())) {
                throw ProblemException.badField("cursor", "this cursor belongs to sort=" + after.get(0));
            }
            sql.append(" AND (").append(sort.column).append(", id) > (?, ?)");
            params.add(sort == Sort.name ? after.get(1) : parseInstant(after.get(1)));
            params.add(UUID.fromString(after.get(2)));
        }
        sql.append(" ORDER BY ").append(sort.column).append(", id LIMIT ").append(limit + 1);

        Query query = em.createNativeQuery(sql.toString(), Customer.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Customer> found = query.getResultList();
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Customer last = found.get(limit - 1);
            next = Cursor.encode(sort.name(), keyOf(last, sort), last.id.toString());
        }
        return new Page(found.stream().map(CustomerMapper::toView).toList(), next);
    }

    private int limit(Integer requested) {
        if (requested == null) {
            return config.paging().defaultLimit();
        }
        if (requested < 1 || requested > config.paging().maxLimit()) {
            throw ProblemException.badField("limit", "must be between 1 and " + config.paging().maxLimit());
        }
        return requested;
    }

    private static String keyOf(Customer c, Sort sort) {
        return switch (sort) {
            case name -> c.name.toLowerCase(java.util.Locale.ROOT);
            case createdAt -> c.createdAt.toString();
            case updatedAt -> c.updatedAt.toString();
        };
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value instanceof Enum<?> e ? e.name() : value);
        }
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
