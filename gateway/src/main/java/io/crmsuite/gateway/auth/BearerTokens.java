package io.crmsuite.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import io.crmsuite.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;

/**
 * JWT bearer tokens (jose4j, which smallrye-jwt is built on; used directly because the verification runs on the
 * event loop and must never fetch keys there, see {@link JwksKeys}): signed with RS256 or ES256 only (no
 * {@code none}, no HMAC with a public key as secret), by a key from the PEM file or the issuer's JWKS; the issuer,
 * the audience and the expiry checked (30 s of clock skew); roles from the {@code groups} claim. The client is
 * named {@code jwt:<sub>}: API-key clients cannot contain ':', so a token never shares an identity, an
 * {@code X-Client-Id} or a rate-limit bucket with an API key.
 */
@Singleton
public class BearerTokens {

    public static final String SUBJECT_PREFIX = "jwt:";
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private final JwtConsumer consumer;
    private final JwksKeys jwks;

    BearerTokens(GatewayConfig config) throws IOException {
        GatewayConfig.Jwt jwt = config.jwt();
        if (jwt.issuer().isEmpty()) {
            consumer = null;
            jwks = null;
            return;
        }
        if (jwt.publicKeyLocation().isEmpty() && jwt.jwksUrl().isEmpty()) {
            throw new IllegalArgumentException("crm.gateway.jwt.issuer is set but no key: set "
                    + "crm.gateway.jwt.public-key-location (PEM) or crm.gateway.jwt.jwks-url");
        }
        PublicKey pem = jwt.publicKeyLocation().isEmpty() ? null : publicKey(Path.of(jwt.publicKeyLocation().get()));
        jwks = jwt.jwksUrl().map(JwksKeys::new).orElse(null);
        if (jwks != null) {
            jwks.refresh();
        }
        consumer = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(30)
                .setRequireSubject().setExpectedIssuer(jwt.issuer().get()).setExpectedAudience(jwt.audience())
                .setJwsAlgorithmConstraints(ALGORITHMS).setVerificationKeyResolver(resolver(pem, jwks)).build();
    }

    /**
     * A token naming a key ({@code kid}) is verified with that key of the JWKS, and an unknown one makes the JWKS be
     * fetched again (the issuer rotated); a token naming none, with the PEM key (or the JWKS's only fitting key).
     */
    private static VerificationKeyResolver resolver(PublicKey pem, JwksKeys jwks) {
        return (JsonWebSignature jws, List<JsonWebStructure> nesting) -> {
            boolean named = jws.getKeyIdHeaderValue() != null;
            if (jwks != null && (named || pem == null)) {
                try {
                    return new JwksVerificationKeyResolver(jwks.keys()).resolveKey(jws, nesting);
                } catch (UnresolvableKeyException e) {
                    jwks.unknownKeyMet();
                    throw e;
                }
            }
            if (pem == null || named) {
                throw new UnresolvableKeyException("Unable to find a suitable verification key: no JWKS is configured "
                        + "for a token naming its key");
            }
            return pem;
        };
    }

    @Scheduled(every = "${crm.gateway.jwt.jwks-refresh:PT5M}", delayed = "${crm.gateway.jwt.jwks-refresh:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshKeys() {
        if (jwks != null) {
            jwks.refresh();
        }
    }

    public Client verify(String token) throws CredentialsRefused {
        if (consumer == null) {
            throw new CredentialsRefused("bearer tokens are not configured on this gateway (crm.gateway.jwt.*); use an API key");
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String subject = claims.getSubject();
            if (subject.length() > 200 || !subject.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new CredentialsRefused("the token's subject must be at most 200 printable characters");
            }
            Set<String> roles = claims.hasClaim("groups") ? new LinkedHashSet<>(claims.getStringListClaimValue("groups"))
                    : Set.of();
            return new Client(SUBJECT_PREFIX + subject, roles, "jwt");
        } catch (InvalidJwtException e) {
            throw new CredentialsRefused(reason(e));
        } catch (MalformedClaimException e) {
            throw new CredentialsRefused("the token's groups claim is not a list of roles");
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "the token's issuer is not accepted here";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the token is not meant for this gateway (audience)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "the token's signature is not valid";
        }
        String details = String.valueOf(e.getMessage());
        if (details.contains("AlgorithmConstraints") || details.contains("not a permitted algorithm")) {
            return "the token's algorithm is not accepted (RS256 or ES256)";
        }
        if (details.contains("Unable to find a suitable verification key")) {
            return "the token's signing key is not known (kid)";
        }
        return "the token is not valid";
    }

    static PublicKey publicKey(Path pem) throws IOException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        for (String algorithm : new String[] { "RSA", "EC" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException("no RSA or EC public key in " + pem);
    }
}
