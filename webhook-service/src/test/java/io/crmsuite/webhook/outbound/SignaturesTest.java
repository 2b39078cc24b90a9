package io.crmsuite.webhook.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The Standard Webhooks symmetric signature, checked against the specification's vector and an independent HMAC. */
class SignaturesTest {

    /**
     * The test vector every Standard Webhooks library checks itself against (the reference libraries' tests):
     * secret, id, timestamp and body, and the signature they must give.
     */
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330;
    private static final String VECTOR_BODY = "{\"test\": 2432232314}";
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsTestVectorExactly() {
        assertEquals(VECTOR_SIGNATURE, Signatures.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP,
                VECTOR_BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSignatureIsV1CommaBase64OfTheHmacOfIdDotTimestampDotBody() throws Exception {
        String secret = Signatures.newSecret();
        byte[] body = "{\"type\":\"complaint.received\",\"data\":{\"note\":\"caf\u00e9 \u2713\"}}".getBytes(StandardCharsets.UTF_8);
        String signature = Signatures.sign(secret, "0f4c1c3e-7d2a-4b7e-9a51-1d2e3f4a5b6c", 1_700_000_000L, body);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal(("0f4c1c3e-7d2a-4b7e-9a51-1d2e3f4a5b6c.1700000000."
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        assertEquals("v1," + Base64.getEncoder().encodeToString(expected), signature);
        assertEquals(32, Base64.getDecoder().decode(signature.substring(3)).length, "an HMAC-SHA256 is 32 bytes");
    }

    @Test
    void aSecretIsWhsecAndBase64OfAtLeast24RandomBytes() {
        String secret = Signatures.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24, secret);
        assertNotEquals(secret, Signatures.newSecret());
    }

    @Test
    void theHeaderCarriesOneSignaturePerSecretSeparatedBySpaces() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String current = Signatures.newSecret();
        String header = Signatures.header(List.of(current, VECTOR_SECRET), "id-1", 42, body);
        String[] parts = header.split(" ");
        assertEquals(2, parts.length, header);
        assertEquals(Signatures.sign(current, "id-1", 42, body), parts[0]);
        assertEquals(Signatures.sign(VECTOR_SECRET, "id-1", 42, body), parts[1]);
    }

    @Test
    void aSecretWithoutThePrefixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Signatures.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "a", 1,
                new byte[0]));
    }
}
