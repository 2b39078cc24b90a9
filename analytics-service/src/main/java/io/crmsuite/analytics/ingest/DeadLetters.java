package io.crmsuite.analytics.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.crmsuite.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parks an event that cannot be applied on {@code analytics-service.dead-letter}, with the headers SmallRye's
 * dead-letter strategy uses (reason, original topic, partition, offset), so both services' dead letters read the
 * same. Acknowledged before the consumer commits past the event: a dead letter is never lost.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, String> producer;

    DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "analytics-dead-letters"), new StringSerializer(),
                new StringSerializer());
    }

    /** Sends and waits for the broker's acknowledgement; throws when Kafka does not take it (retried). */
    void park(ConsumerRecord<String, String> record, String reason) {
        List<Header> headers = List.of(header("dead-letter-reason", reason),
                header("dead-letter-topic", record.topic()),
                header("dead-letter-partition", String.valueOf(record.partition())),
                header("dead-letter-offset", String.valueOf(record.offset())));
        try {
            producer.send(new ProducerRecord<>(Topics.ANALYTICS_DEAD_LETTER, null, record.key(), record.value(),
                    headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the dead letter of " + record.topic() + "-"
                    + record.partition() + "@" + record.offset(), e);
        }
        LOG.warnf("event %s-%d@%d parked on %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.ANALYTICS_DEAD_LETTER, reason);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
