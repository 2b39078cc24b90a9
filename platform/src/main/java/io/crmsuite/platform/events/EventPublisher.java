package io.crmsuite.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends stored events to Kafka and says how many were acknowledged, in order. Used by the outbox relays only:
 * an event is marked sent after the broker acknowledged it ({@code acks=all}, idempotent producer), never before.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final RecordHeader CONTENT_TYPE = new RecordHeader("content-type",
            "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final KafkaProducer<String, String> producer;
    private final FailureStreak failures = new FailureStreak(LOG, "relaying stored events to Kafka");

    /** Protected so that a test can stand in for Kafka's answer (a relay's race with a late commit). */
    protected EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                // a relay pass gives up quickly while Kafka is down; the events stay stored and are sent next pass
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8000,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay"),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Sends {@code events} in order and returns how many, from the first, the broker acknowledged. Events after
     * the first failure may have been written too: they are sent again next time, and consumers skip them by
     * their aggregate version.
     */
    public int publish(List<OutgoingEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (OutgoingEvent event : events) {
                ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), null, event.key(),
                        event.json(), List.of(CONTENT_TYPE));
                acks.add(producer.send(record));
            }
        } catch (RuntimeException e) {
            failures.failed(e); // the events stay stored and are sent again next pass
        }
        int acknowledged = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(10, TimeUnit.SECONDS);
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                failures.failed(e); // it stays stored and is sent again
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (acknowledged == events.size()) {
            failures.succeeded();
        }
        return acknowledged;
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
