package io.crmsuite.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.crmsuite.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** JWT bearer tokens: signature by the configured public key, issuer, expiry; roles from the groups claim. */
@ApplicationScoped
public class BearerTokens {

    private final JwtConsumer consumer;

    BearerTokens(GatewayConfig config) throws IOException {
        if (config.jwt().issuer().isEmpty() || config.jwt().publicKeyLocation().isEmpty()) {
            consumer = null;
            return;
        }
        consumer = new JwtConsumerBuilder().setRequireExpirationTime().setAllowedClockSkewInSeconds(30)
                .setRequireSubject().setExpectedIssuer(config.jwt().issuer().get())
                .setVerificationKey(publicKey(Path.of(config.jwt().publicKeyLocation().get())))
                .setSkipDefaultAudienceValidation().build();
    }

    public Client verify(String token) throws CredentialsRefused {
        if (consumer == null) {
            throw new CredentialsRefused("bearer tokens are not configured on this gateway (crm.gateway.jwt.*); use an API key");
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Set<String> roles = new LinkedHashSet<>(claims.getStringListClaimValue("groups"));
            return new Client(claims.getSubject(), roles, "jwt");
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new CredentialsRefused("the token has expired");
            }
            if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.ISSUER_INVALID)) {
                throw new CredentialsRefused("the token's issuer is not accepted here");
            }
            if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)) {
                throw new CredentialsRefused("the token's signature is not valid");
            }
            throw new CredentialsRefused("the token is not valid");
        } catch (MalformedClaimException e) {
            throw new CredentialsRefused("the token's groups claim is not a list of roles");
        }
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
