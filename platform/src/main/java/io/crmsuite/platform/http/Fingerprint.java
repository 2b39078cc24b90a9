package io.crmsuite.platform.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.crmsuite.platform.problem.Problem;
import io.crmsuite.platform.problem.ProblemException;

/**
 * What an Idempotency-Key is compared with: the SHA-256 of the request as read (canonical JSON with sorted keys),
 * so the same request sent with other whitespace or key order is still "the same body".
 */
public final class Fingerprint {

    public static final int MAX_KEY_LENGTH = 200;

    private static final ObjectMapper CANONICAL = new ObjectMapper().findAndRegisterModules()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);

    private Fingerprint() {
    }

    public static String of(Object request) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(CANONICAL.valueToTree(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when no key was sent; 400 naming the header when the key is unusable. */
    public static String checkedKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        String key = idempotencyKey.trim();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badField("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** 422 naming the header: the body may be right, it is the key that belongs to another request. */
    public static ProblemException reusedKey() {
        return new ProblemException(Problem.ofField(422, "Idempotency-Key", "this Idempotency-Key was already used "
                + "with a different request body; use a new key for a new request"));
    }
}
