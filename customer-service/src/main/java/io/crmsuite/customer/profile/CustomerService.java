package io.crmsuite.customer.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.crmsuite.customer.idempotency.IdempotencyKeys;
import io.crmsuite.customer.lifecycle.LifecycleService;
import io.crmsuite.customer.outbox.CustomerEvents;
import io.crmsuite.events.CustomerEventData;
import io.crmsuite.events.EventTypes;
import io.crmsuite.platform.http.ETags;
import io.crmsuite.platform.http.Fingerprint;
import io.crmsuite.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Creating, changing and erasing customers; every change leaves its event in the outbox in the same transaction. */
@ApplicationScoped
public class CustomerService {

    private static final String CREATE_SCOPE = "POST /customers";

    private final Clock clock;
    private final CustomerEvents events;
    private final IdempotencyKeys idempotencyKeys;
    private final LifecycleService lifecycle;

    CustomerService(Clock clock, CustomerEvents events, IdempotencyKeys idempotencyKeys, LifecycleService lifecycle) {
        this.clock = clock;
        this.events = events;
        this.idempotencyKeys = idempotencyKeys;
        this.lifecycle = lifecycle;
    }

    /** The created customer, and whether it was created by an earlier request with the same Idempotency-Key. */
    public record Created(Customer customer, boolean replayed) {
    }

    @Transactional
    public Created create(@NotNull @Valid CustomerRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<UUID> earlier = idempotencyKeys.claim(CREATE_SCOPE, idempotencyKey, Fingerprint.of(request), id, now);
            if (earlier.isPresent()) {
                return new Created(Customer.findById(earlier.get()), true);
            }
        }
        checkReferrer(request.referredBy(), id);
        Customer customer = new Customer();
        customer.id = id;
        customer.createdAt = now;
        customer.updatedAt = now;
        CustomerMapper.apply(request, customer);
        events.record(customer, EventTypes.CUSTOMER_REGISTERED, now, CustomerMapper.toProfile(customer, List.of()));
        customer.persist();
        if (customer.referredBy != null) {
            lifecycle.referralMade(customer.referredBy, now);
        }
        return new Created(customer, false);
    }

    public Customer get(UUID id) {
        Customer customer = Customer.findById(id);
        return requireLive(customer, id);
    }

    @Transactional
    public Customer replace(UUID id, @NotNull @Valid CustomerRequest request, String ifMatch) {
        Customer customer = lockLive(id);
        ETags.requireMatch(ifMatch, customer.version);
        UUID previousReferrer = customer.referredBy;
        if (request.referredBy() != null && !request.referredBy().equals(previousReferrer)) {
            checkReferrer(request.referredBy(), id);
        }
        List<String> changed = CustomerMapper.apply(request, customer);
        if (changed.isEmpty()) {
            return customer;
        }
        Instant now = clock.instant();
        customer.updatedAt = now;
        events.record(customer, EventTypes.CUSTOMER_UPDATED, now, CustomerMapper.toProfile(customer, changed));
        if (customer.referredBy != null && !customer.referredBy.equals(previousReferrer)) {
            lifecycle.referralMade(customer.referredBy, now);
        }
        return customer;
    }

    /**
     * Erasure on request: personal data goes, purchases stay for the indicators, the id answers 410 afterwards.
     * The customer's events already sent go too, in this transaction, since they hold its personal data; those
     * still waiting for the relay (the erasure's own among them) are deleted by the hourly purge once sent.
     */
    @Transactional
    public void erase(UUID id) {
        Customer customer = lockLive(id);
        Instant now = clock.instant();
        customer.name = "(erased)";
        customer.contactMethods = List.of();
        customer.addresses = List.of();
        customer.contactPersons = List.of();
        customer.emails = List.of();
        customer.phones = List.of();
        customer.specialRequirements = null;
        customer.accountOwner = null;
        customer.tags = List.of();
        customer.erasedAt = now;
        customer.updatedAt = now;
        events.record(customer, EventTypes.CUSTOMER_ERASED, now, new CustomerEventData.Erased(id, now));
        events.deleteSent(id);
    }

    /** Loads a customer for a change, holding its row lock until commit: writers of one customer queue up. */
    public static Customer lockLive(UUID id) {
        Customer customer = Customer.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return requireLive(customer, id);
    }

    private static Customer requireLive(Customer customer, UUID id) {
        if (customer == null) {
            throw ProblemException.notFound("customer " + id);
        }
        if (customer.isErased()) {
            throw ProblemException.gone("customer " + id + " was erased on " + customer.erasedAt);
        }
        return customer;
    }

    private static void checkReferrer(UUID referredBy, UUID self) {
        if (referredBy == null) {
            return;
        }
        if (referredBy.equals(self)) {
            throw ProblemException.badField("referredBy", "a customer cannot refer itself");
        }
        Customer referrer = Customer.findById(referredBy);
        if (referrer == null || referrer.isErased()) {
            throw ProblemException.badField("referredBy", "no customer " + referredBy);
        }
    }
}
