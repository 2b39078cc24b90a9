package io.crmsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Bearer tokens against a hostile client: only RS256 and ES256, only for this gateway's audience, keys from the PEM
 * file or the issuer's JWKS (rotation included), and a subject that never becomes an API-key client.
 */
@QuarkusTest
class JwtTest {

    private static final String ISSUER = "https://login.crm-suite.test";

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() throws Exception {
        Key rsa = privateKey("test.jwt.private-key", "RSA");
        bearer(sign(claims("crm-suite", "bi-tool"), rsa, AlgorithmIdentifiers.RSA_USING_SHA256, null))
                .get("/api/analytics/x").then().statusCode(200);
        bearer(sign(claims("billing-service", "bi-tool"), rsa, AlgorithmIdentifiers.RSA_USING_SHA256, null))
                .get("/api/analytics/x").then().statusCode(401).body("detail", containsString("audience"));
        bearer(sign(claims(null, "bi-tool"), rsa, AlgorithmIdentifiers.RSA_USING_SHA256, null))
                .get("/api/analytics/x").then().statusCode(401).body("detail", containsString("audience"));
    }

    @Test
    void onlyRs256AndEs256AreAccepted() throws Exception {
        Key rsa = privateKey("test.jwt.private-key", "RSA");
        bearer(sign(claims("crm-suite", "bi-tool"), rsa, AlgorithmIdentifiers.RSA_USING_SHA384, null))
                .get("/api/analytics/x").then().statusCode(401).body("detail", containsString("algorithm"));
        // the classic confusion: HMAC keyed with the public key, which anyone may read
        byte[] publicPem = Files.readAllBytes(Path.of(ConfigProvider.getConfig()
                .getValue("crm.gateway.jwt.public-key-location", String.class)));
        bearer(sign(claims("crm-suite", "bi-tool"), new HmacKey(publicPem), AlgorithmIdentifiers.HMAC_SHA256, null))
                .get("/api/analytics/x").then().statusCode(401).body("detail", containsString("algorithm"));
        JsonWebSignature unsigned = new JsonWebSignature();
        unsigned.setPayload(claims("crm-suite", "bi-tool").toJson());
        unsigned.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        unsigned.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        bearer(unsigned.getCompactSerialization()).get("/api/analytics/x").then().statusCode(401);
    }

    @Test
    void es256TokensAreVerifiedWithTheJwksKeyTheyNameAndARotatedKeyIsFetched() throws Exception {
        Key k1 = privateKey("test.jwt.k1-private-key", "EC");
        bearer(sign(claims("crm-suite", "bi-tool"), k1, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "k1"))
                .get("/api/analytics/x").then().statusCode(200);
        Key k2 = privateKey("test.jwt.k2-private-key", "EC");
        String signedWithK2 = sign(claims("crm-suite", "bi-tool"), k2,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "k2");

        StubBackends.StubControl.invoke("rotateJwks", "");
        // the first token naming k2 makes the gateway fetch the key set again, off the event loop
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> bearer(signedWithK2).get("/api/analytics/x")
                .then().statusCode(200));
        // k1's private key under k2's name: the key named is the one used, not any key that happens to fit
        bearer(sign(claims("crm-suite", "bi-tool"), k1, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "k2"))
                .get("/api/analytics/x").then().statusCode(401).body("detail", containsString("signature"));
    }

    @Test
    void aTokenSubjectNeverBecomesAnApiKeyClient() throws Exception {
        Key rsa = privateKey("test.jwt.private-key", "RSA");
        // client-limited is an API-key client with a burst of 3 that does not refill during the test
        String token = sign(claims("crm-suite", "client-limited"), rsa, AlgorithmIdentifiers.RSA_USING_SHA256, null);
        for (int i = 0; i < 5; i++) {
            bearer(token).header("X-Client-Id", "client-admin").get("/api/analytics/x").then().statusCode(200)
                    .body("headers.x-client-id", is("jwt:client-limited")).body("headers.x-client-roles", is("bi"));
        }
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static JwtClaims claims(String audience, String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        if (audience != null) {
            claims.setAudience(audience);
        }
        claims.setStringListClaim("groups", List.of("bi"));
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(300);
        claims.setExpirationTime(expiry);
        return claims;
    }

    private static String sign(JwtClaims claims, Key key, String algorithm, String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setDoKeyValidation(false); // an HMAC key shorter than the algorithm wants is part of the attack
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        return jws.getCompactSerialization();
    }

    private static Key privateKey(String setting, String algorithm) throws Exception {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(
                Path.of(ConfigProvider.getConfig().getValue(setting, String.class)))));
    }
}
