package io.crmsuite.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver does with a delivery, written here with javax.crypto alone (not the service's signer): the
 * Standard Webhooks check of {@code webhook-signature} against {@code webhook-id.webhook-timestamp.body}.
 */
public final class Verification {

    private Verification() {
    }

    /** The expected {@code v1,...} signature of a request, by the secret {@code whsec_...}. */
    public static String expected(String secret, Receiver.Request request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String signed = request.webhookId() + "." + request.header("webhook-timestamp") + ".";
            mac.update(signed.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(request.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signatures the request carries (space-separated in the header). */
    public static List<String> signatures(Receiver.Request request) {
        return Arrays.asList(request.header("webhook-signature").split(" "));
    }

    /** Whether one of the request's signatures is the secret's, compared in constant time as a receiver must. */
    public static boolean verifies(String secret, Receiver.Request request) {
        byte[] expected = expected(secret, request).getBytes(StandardCharsets.UTF_8);
        return signatures(request).stream()
                .anyMatch(s -> MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.UTF_8)));
    }
}
