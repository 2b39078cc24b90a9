package io.crmsuite.webhook;

import static io.crmsuite.webhook.Api.deliveries;
import static io.crmsuite.webhook.Api.patience;
import static io.crmsuite.webhook.Api.subscribe;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.crmsuite.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The receiver the README shows integrators, run as it is printed there (the python block of the webhook-service
 * section) against real deliveries: with the subscription's secret it answers 204 and prints the event; with any
 * other secret it answers 401. Skipped where python3 is not installed.
 */
@QuarkusTest
class ReadmeReceiverTest {

    private final String client = "cc-" + UUID.randomUUID().toString().substring(0, 8);
    private final String source = "source-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Process> receivers = new ArrayList<>();
    private final List<Api.Subscribed> subscriptions = new ArrayList<>();
    private final ComplaintFeed feed = new ComplaintFeed();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(Api::delete);
        receivers.forEach(Process::destroyForcibly);
        feed.close();
    }

    @Test
    void theReadmesReceiverTakesWhatTheServiceSignedAndRefusesAnotherSecret() throws Exception {
        assumeTrue(python3Runs(), "python3 is not installed here: the README's receiver is not run");
        Path script = Files.createTempFile("receiver", ".py");
        Files.writeString(script, readmeReceiver());
        int goodPort = freePort();
        int badPort = freePort();
        Api.Subscribed good = subscribed(subscribe(client, "http://127.0.0.1:" + goodPort + "/hooks",
                List.of("complaint.*"), source));
        Api.Subscribed bad = subscribed(subscribe(client, "http://127.0.0.1:" + badPort + "/hooks",
                List.of("complaint.*"), source));
        Path goodOutput = start(script, good.secret(), goodPort);
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        start(script, "whsec_" + Base64.getEncoder().encodeToString(otherKey), badPort);

        String complaint = UUID.randomUUID().toString();
        ComplaintFeed.Published event = feed.complaint(complaint, 1, EventTypes.COMPLAINT_RECEIVED, source);

        await().atMost(patience()).untilAsserted(() -> {
            Map<String, Object> delivery = only(deliveries(good));
            assertEquals("DELIVERED", delivery.get("status"), delivery.toString());
            assertEquals(204, delivery.get("lastStatusCode"));
        });
        await().atMost(patience()).until(() -> Files.readString(goodOutput)
                .contains(EventTypes.COMPLAINT_RECEIVED + " " + complaint + " RECEIVED"));
        await().atMost(patience()).untilAsserted(() -> {
            Map<String, Object> delivery = only(deliveries(bad));
            assertEquals(event.id(), delivery.get("eventId"));
            assertEquals(401, delivery.get("lastStatusCode"), "another secret's signature is refused: " + delivery);
            assertEquals("PENDING", delivery.get("status"));
        });
        assertTrue(receivers.stream().allMatch(Process::isAlive), "both receivers still run");
    }

    /** The one delivery made so far (an assertion, so that waiting for it goes on while there is none). */
    private static Map<String, Object> only(List<Map<String, Object>> deliveries) {
        assertEquals(1, deliveries.size(), deliveries.toString());
        return deliveries.get(0);
    }

    /** The python block of the README's webhook-service section, as printed. */
    static String readmeReceiver() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("\n## webhook-service");
        assertTrue(section >= 0, "README has a webhook-service section");
        int start = readme.indexOf("```python\n", section);
        int end = readme.indexOf("\n```\n", start);
        assertTrue(start >= 0 && end > start, "the webhook-service section has a python block");
        return readme.substring(start + "```python\n".length(), end + 1);
    }

    private Api.Subscribed subscribed(Api.Subscribed subscription) {
        subscriptions.add(subscription);
        return subscription;
    }

    private Path start(Path script, String secret, int port) throws IOException {
        Path output = Files.createTempFile("receiver", ".out");
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("WEBHOOK_SECRET", secret);
        builder.environment().put("PORT", String.valueOf(port));
        receivers.add(builder.start());
        return output;
    }

    private static boolean python3Runs() {
        try {
            Process version = new ProcessBuilder("python3", "-c", "import sys; sys.exit(sys.version_info < (3, 9))")
                    .redirectErrorStream(true).start();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
