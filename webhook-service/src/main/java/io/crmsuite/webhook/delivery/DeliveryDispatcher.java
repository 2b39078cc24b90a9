package io.crmsuite.webhook.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.crmsuite.platform.events.PollingLoop;
import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.outbound.AttemptResult;
import io.crmsuite.webhook.outbound.WebhookSender;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every replica runs one: it claims due deliveries ({@link DeliveryClaims}) as long as it has free slots
 * ({@code max-in-flight}), starts each attempt without waiting for it ({@link WebhookSender} is non-blocking), and
 * records each outcome when it comes ({@link DeliveryRecorder}, on a few threads of its own). A claim takes at most
 * {@code max-in-flight-per-subscription} deliveries of one subscription, so a slow or dead receiver occupies a few
 * slots and the other subscriptions keep theirs: no head-of-line blocking across subscriptions.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
    /** What a lease must leave after the attempt's deadline: the time to record the outcome. */
    private static final Duration RECORDING_MARGIN = Duration.ofSeconds(30);

    private final DeliveryClaims claims;
    private final WebhookSender sender;
    private final DeliveryRecorder recorder;
    private final WebhookConfig.Delivery config;
    private final Semaphore slots;
    private final Duration lease;
    private final ExecutorService recording;
    private PollingLoop loop;

    DeliveryDispatcher(DeliveryClaims claims, WebhookSender sender, DeliveryRecorder recorder, WebhookConfig config) {
        this.claims = claims;
        this.sender = sender;
        this.recorder = recorder;
        this.config = config.delivery();
        if (this.config.maxInFlightPerSubscription() >= this.config.maxInFlight()) {
            throw new IllegalStateException("crm.webhooks.delivery.max-in-flight-per-subscription must be below "
                    + "max-in-flight, or one slow receiver could hold every slot");
        }
        this.slots = new Semaphore(this.config.maxInFlight());
        this.lease = this.config.timeout().plus(RECORDING_MARGIN);
        AtomicInteger threads = new AtomicInteger();
        this.recording = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "webhook-record-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent event) {
        loop = PollingLoop.start("webhook-dispatcher", config.pollInterval(), this::dispatch);
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.close();
        }
        recording.shutdown();
    }

    /** Claims and starts what is due, while there are free slots. */
    void dispatch() {
        while (slots.availablePermits() > 0) {
            int free = slots.availablePermits();
            List<ClaimedDelivery> claimed = claims.claim(free, config.maxInFlightPerSubscription(), lease);
            for (ClaimedDelivery delivery : claimed) {
                slots.acquireUninterruptibly(); // only this thread acquires: the permits counted above are there
                attempt(delivery);
            }
            if (claimed.size() < free) {
                return;
            }
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        Duration held = Duration.ofNanos(System.nanoTime() - delivery.claimedAtNanos());
        if (held.plus(config.timeout()).compareTo(lease) >= 0) {
            // the lease could run out mid-attempt and another replica start the same delivery: leave it to expire
            LOG.warnf("delivery %s was claimed %d ms ago; not sent, it is taken again when its lease runs out",
                    delivery.id(), held.toMillis());
            slots.release();
            return;
        }
        sender.send(delivery.webhook()).whenCompleteAsync((result, failure) -> {
            try {
                recorder.record(delivery, result != null ? result
                        : new AttemptResult(AttemptResult.Outcome.UNREACHABLE, null, null, String.valueOf(failure), null));
            } finally {
                slots.release();
            }
        }, recording);
    }
}
