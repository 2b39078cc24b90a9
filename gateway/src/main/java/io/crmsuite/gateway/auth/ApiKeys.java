package io.crmsuite.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.crmsuite.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * API keys from the key file written by {@code ./crm keys}: {@code client:sha256-of-key:role,role:created}, one
 * per line. Only hashes are stored; the file is re-read within a second of a change, so a revoked key stops
 * working without a restart.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final Path file;
    private volatile Map<String, Client> byHash = Map.of();
    /** Keys already verified, so the hash is computed once per key and not once per request; cleared on reload. */
    private final Map<String, Client> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile FileTime loaded;

    ApiKeys(GatewayConfig config) {
        this.file = Path.of(config.apiKeysFile());
        reload();
    }

    public Optional<Client> find(String key) {
        Client known = verified.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Client client = byHash.get(sha256(key));
        if (client != null && verified.size() < 10_000) {
            verified.put(key, client);
        }
        return Optional.ofNullable(client);
    }

    public int size() {
        return byHash.size();
    }

    @Scheduled(every = "1s")
    void reload() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loaded)) {
                return;
            }
            Map<String, Client> next = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                parse(line).ifPresent(entry -> next.put(entry.getKey(), entry.getValue()));
            }
            byHash = Map.copyOf(next);
            verified.clear();
            loaded = modified;
            LOG.infof("API keys loaded from %s: %d clients", file, next.size());
        } catch (NoSuchFileException e) {
            if (!byHash.isEmpty() || loaded == null) {
                LOG.warnf("no API key file at %s: only JWT bearer tokens are accepted (create keys with ./crm keys)", file);
            }
            byHash = Map.of();
            verified.clear();
            loaded = FileTime.fromMillis(0);
        } catch (IOException e) {
            LOG.errorf("cannot read the API key file %s (%s); keeping the keys loaded before", file, e.getMessage());
        }
    }

    static Optional<Map.Entry<String, Client>> parse(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return Optional.empty();
        }
        String[] parts = trimmed.split(":");
        if (parts.length < 3) {
            return Optional.empty();
        }
        List<String> roles = Arrays.stream(parts[2].split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        return Optional.of(Map.entry(parts[1].toLowerCase(), new Client(parts[0], new LinkedHashSet<>(roles), "api-key")));
    }

    static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
