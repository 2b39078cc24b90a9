package io.crmsuite.customer.purchase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.crmsuite.customer.config.CustomerConfig;
import io.crmsuite.customer.idempotency.IdempotencyKeys;
import io.crmsuite.customer.lifecycle.LifecycleService;
import io.crmsuite.customer.outbox.CustomerEvents;
import io.crmsuite.customer.profile.Customer;
import io.crmsuite.customer.profile.CustomerService;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.Cursor;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Records purchases: the purchase, the customer's counters, a lifecycle move and their events, in one transaction. */
@ApplicationScoped
public class PurchaseService {

    /** Clocks of tills and call centers drift; a purchase a little "in the future" is accepted. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final CustomerEvents events;
    private final IdempotencyKeys idempotencyKeys;
    private final LifecycleService lifecycle;
    private final CustomerConfig config;

    PurchaseService(Clock clock, CustomerEvents events, IdempotencyKeys idempotencyKeys, LifecycleService lifecycle,
            CustomerConfig config) {
        this.clock = clock;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    public record Recorded(Purchase purchase, boolean replayed) {
    }

    @Transactional
    public Recorded record(UUID customerId, @NotNull @Valid PurchaseRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Customer customer = CustomerService.lockLive(customerId);
        if (idempotencyKey != null) {
            Optional<UUID> earlier = idempotencyKeys.claim("POST /customers/" + customerId + "/purchases",
                    idempotencyKey, Fingerprint.of(request), id, now);
            if (earlier.isPresent()) {
                return new Recorded(Purchase.findById(earlier.get()), true);
            }
        }
        Purchase purchase = new Purchase();
        purchase.id = id;
        purchase.customerId = customerId;
        purchase.amount = request.amount();
        purchase.currency = checkedCurrency(request.currency());
        purchase.margin = marginOf(request);
        purchase.occurredAt = checkedTime(request.occurredAt(), now);
        purchase.channel = request.channel();
        purchase.productCategory = request.productCategory();
        purchase.recordedAt = now;
        purchase.persist();

        customer.purchaseCount++;
        if (customer.firstPurchaseAt == null || purchase.occurredAt.isBefore(customer.firstPurchaseAt)) {
            customer.firstPurchaseAt = purchase.occurredAt;
        }
        if (customer.lastPurchaseAt == null || purchase.occurredAt.isAfter(customer.lastPurchaseAt)) {
            customer.lastPurchaseAt = purchase.occurredAt;
        }
        customer.updatedAt = now;
        events.record(customer, EventTypes.PURCHASE_RECORDED, now, new CustomerEventData.PurchaseRecorded(id,
                customerId, purchase.amount, purchase.currency, purchase.margin, purchase.occurredAt, purchase.channel,
                purchase.productCategory, customer.region, customer.tier.name(), customer.purchaseCount));
        lifecycle.afterPurchase(customer, purchase.occurredAt, now);
        return new Recorded(purchase, false);
    }

    public record Page(List<PurchaseView> items, String nextCursor) {
    }

    /** A customer's purchases, newest first. */
    public Page list(UUID customerId, int limit, String cursor) {
        Customer customer = Customer.findById(customerId);
        if (customer == null) {
            throw ProblemException.notFound("customer " + customerId);
        }
        String query = "customerId = ?1";
        List<Purchase> found;
        if (cursor == null) {
            found = Purchase.find(query + " order by occurredAt desc, id desc", customerId).page(0, limit + 1).list();
        } else {
            List<String> after = Cursor.decode(cursor, 2);
            Instant at;
            UUID lastId;
            try {
                at = Instant.parse(after.get(0));
                lastId = UUID.fromString(after.get(1));
            } catch (RuntimeException e) {
                throw ProblemException.badField("cursor", "not a cursor returned by this endpoint");
            }
            found = Purchase.find(query + " and (occurredAt < ?2 or (occurredAt = ?2 and id < ?3))"
                    + " order by occurredAt desc, id desc", customerId, at, lastId).page(0, limit + 1).list();
        }
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            Purchase last = found.get(limit - 1);
            next = Cursor.encode(last.occurredAt.toString(), last.id.toString());
        }
        return new Page(found.stream().map(PurchaseView::of).toList(), next);
    }

    public Purchase get(UUID customerId, UUID purchaseId) {
        Purchase purchase = Purchase.findById(purchaseId);
        if (purchase == null || !purchase.customerId.equals(customerId)) {
            throw ProblemException.notFound("purchase " + purchaseId + " of customer " + customerId);
        }
        return purchase;
    }

    private String checkedCurrency(String currency) {
        if (!config.currency().equals(currency)) {
            throw ProblemException.badField("currency", "purchases are recorded in the reporting currency "
                    + config.currency() + " (setting crm.customers.currency); convert the amount before recording");
        }
        return currency;
    }

    private static BigDecimal marginOf(PurchaseRequest request) {
        if (request.cost() == null) {
            // margin = amount - cost and a cost is never negative: a larger margin is a typo, not a profit
            if (request.margin() != null && request.margin().compareTo(request.amount()) > 0) {
                throw ProblemException.badField("margin", "margin " + request.margin() + " exceeds the amount "
                        + request.amount() + " (the margin is the amount less its cost)");
            }
            return request.margin();
        }
        BigDecimal fromCost = request.amount().subtract(request.cost());
        if (request.margin() != null && request.margin().compareTo(fromCost) != 0) {
            throw ProblemException.badField("margin", "margin " + request.margin() + " does not equal amount - cost = "
                    + fromCost + "; send one of them");
        }
        return fromCost;
    }

    private static Instant checkedTime(Instant occurredAt, Instant now) {
        if (occurredAt == null) {
            return now;
        }
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.badField("occurredAt", "is in the future (now is " + now + ")");
        }
        return occurredAt;
    }
}
