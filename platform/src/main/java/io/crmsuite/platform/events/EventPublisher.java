package io.crmsuite.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends stored events to Kafka for the outbox relays, a whole pass in one Kafka transaction: consumers read
 * committed data only, so a pass is visible entirely or not at all. Without the transaction, a failed send
 * followed by a later one that succeeded left a gap that the next pass filled out of order (measured: a purchase
 * published after the customer's next four events, which consumers then skipped as old). The relay marks events
 * sent only after the commit.
 * <p>
 * The transactional id ({@code crm.outbox.transactional-id}) is stable per replica (service, host, port): a
 * replica that restarts fences its former self and aborts the transaction it may have left open at once. Replicas
 * have ids of their own, since the relay may pass between them every pass; a lock or lease lets one send at a time,
 * and an event a paused replica commits late is a duplicate consumers skip by version, never a gap.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final RecordHeader CONTENT_TYPE = new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));

    private final Map<String, Object> config;
    private final FailureStreak failures = new FailureStreak(LOG, "relaying stored events to Kafka");
    private KafkaProducer<String, String> producer;

    /** Protected so that a test can stand in for Kafka's answer (a relay's race with a late commit). */
    protected EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "crm.outbox.transactional-id") String transactionalId) {
        config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // a relay pass gives up quickly while Kafka is down; the events stay stored and are sent next pass
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000,
                // a relay that dies mid-pass holds back read-committed consumers of its partitions until then
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10000,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
    }

    /**
     * Sends {@code events} in order in one transaction; returns how many are published: all of them, or none (the
     * transaction was aborted, or never began because Kafka is unreachable). None are visible to consumers then.
     */
    public synchronized int publish(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        try {
            KafkaProducer<String, String> p = producer();
            p.beginTransaction();
            for (OutgoingEvent event : events) {
                p.send(new ProducerRecord<>(event.topic(), null, event.key(), event.json(), List.of(CONTENT_TYPE)));
            }
            p.commitTransaction(); // waits for every send's acknowledgement
            failures.succeeded();
            return events.size();
        } catch (RuntimeException e) {
            failures.failed(e); // nothing of the pass is visible; its events stay stored and are sent again
            discardProducer();
            return 0;
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            KafkaProducer<String, String> created = new KafkaProducer<>(config, new StringSerializer(),
                    new StringSerializer());
            try {
                created.initTransactions(); // fences an earlier producer with the same id (a zombie relay)
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    /**
     * After a failure the producer may be fenced or in an unknown transaction state: aborting (best effort) and
     * starting a new one next pass is the one path that is right in every case.
     */
    private void discardProducer() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // fenced, or Kafka unreachable: the broker aborts the transaction on its timeout, or the next
            // initTransactions with this id does
        }
        producer.close(Duration.ZERO);
        producer = null;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
