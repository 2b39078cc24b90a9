package io.crmsuite.webhook.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.crmsuite.events.CloudEvent;
import io.crmsuite.webhook.config.WebhookConfig;
import io.crmsuite.webhook.outbound.AttemptResult;
import io.crmsuite.webhook.outbound.OutgoingWebhook;
import io.crmsuite.webhook.outbound.WebhookSender;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /webhooks/{id}/test}: a {@code webhook.ping} CloudEvent, signed like every delivery, sent now (also
 * to a disabled subscription: that is how its owner checks a fix), and what the receiver answered. Nothing is
 * stored and nothing is retried.
 */
@ApplicationScoped
public class Ping {

    public static final String TYPE = "webhook.ping";

    /** What the receiver said: its status and the start of its answer, or why there was no answer. */
    public record Result(String webhookId, boolean delivered, Integer statusCode, String response, String error) {
    }

    private final WebhookSender sender;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration wait;

    Ping(WebhookSender sender, ObjectMapper mapper, Clock clock, WebhookConfig config) {
        this.sender = sender;
        this.mapper = mapper;
        this.clock = clock;
        this.wait = config.delivery().timeout().plusSeconds(10); // the attempt's own deadline comes first
    }

    public Result send(Subscription subscription) {
        String id = "ping-" + UUID.randomUUID();
        Instant now = clock.instant();
        ObjectNode data = mapper.createObjectNode().put("subscriptionId", subscription.id.toString())
                .put("message", "a test delivery of subscription " + subscription.id + ", sent on request");
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, id, "urn:crmsuite:webhook-service", TYPE,
                subscription.id.toString(), now, CloudEvent.CONTENT_TYPE, null, 1, data);
        List<String> secrets = new ArrayList<>(List.of(subscription.secret));
        if (subscription.previousSecret != null && subscription.previousSecretUntil != null
                && subscription.previousSecretUntil.isAfter(now)) {
            secrets.add(subscription.previousSecret);
        }
        try {
            AttemptResult result = sender.send(new OutgoingWebhook(subscription.url, id, mapper.writeValueAsString(event),
                    secrets)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(id, result.delivered(), result.statusCode(), result.response(), result.error());
        } catch (JsonProcessingException | ExecutionException | TimeoutException e) {
            return new Result(id, false, null, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(id, false, null, null, "interrupted");
        }
    }
}
