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
import jakarta.inject.Singleton;

/**
 * API keys from the key file written by {@code ./crm keys}: {@code client:sha256-of-key:role,role:created}, one
 * per line. Only hashes are stored; the file is re-read within a second of a change, so a revoked key stops
 * working without a restart.
 */
@Singleton
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /**
     * The clients of one reading of the file by key hash, and the keys already verified against it (so the hash
     * is computed once per key, not once per request). A reload replaces both at once: a lookup still running
     * against the previous reading can only fill that reading's cache, never put a revoked key into the new one.
     */
    private record Loaded(Map<String, Client> byHash, Map<String, Client> verified) {
        Loaded(Map<String, Client> byHash) {
            this(byHash, new java.util.concurrent.ConcurrentHashMap<>());
        }
    }

    private final Path file;
    private volatile Loaded keys = new Loaded(Map.of());
    private volatile FileTime loaded;

    ApiKeys(GatewayConfig config) {
        this.file = Path.of(config.apiKeysFile());
        reload();
    }

    public Optional<Client> find(String key) {
        Loaded current = keys;
        Client known = current.verified().get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Client client = current.byHash().get(sha256(key));
        if (client != null && current.verified().size() < 10_000) {
            current.verified().put(key, client);
        }
        return Optional.ofNullable(client);
    }

    public int size() {
        return keys.byHash().size();
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
            keys = new Loaded(Map.copyOf(next));
            loaded = modified;
            LOG.infof("API keys loaded from %s: %d clients", file, next.size());
        } catch (NoSuchFileException e) {
            if (!keys.byHash().isEmpty() || loaded == null) {
                LOG.warnf("no API key file at %s: only JWT bearer tokens are accepted (create keys with ./crm keys)", file);
            }
            keys = new Loaded(Map.of());
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
