package io.crmsuite.webhook.outbound;

import java.util.List;

/**
 * One webhook to send: where, its {@code webhook-id} (the event's id, the same on every attempt), the body exactly
 * as it goes out, and the secrets that sign it (the current one first).
 */
public record OutgoingWebhook(String url, String webhookId, String body, List<String> secrets) {
}
