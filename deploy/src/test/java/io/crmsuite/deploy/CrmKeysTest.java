package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./crm keys}: a client's key is found and revoked by its exact name, never by a pattern. */
class CrmKeysTest {

    @TempDir
    Path dir;

    @Test
    void revokeMatchesTheClientNameExactly() throws Exception {
        Path keys = dir.resolve("api-keys");
        assertEquals(0, crm(keys, "keys", "create", "--client", "a.b", "--role", "bi"));
        assertEquals(0, crm(keys, "keys", "create", "--client", "axb", "--role", "bi"));
        assertEquals(0, crm(keys, "keys", "revoke", "a.b"));
        List<String> clients = Files.readAllLines(keys).stream().map(l -> l.split(":")[0]).toList();
        assertEquals(List.of("axb"), clients, "a.b is a name, not a pattern: axb keeps its key");
        assertTrue(crm(keys, "keys", "revoke", "a.b") != 0, "revoking a client without a key fails");
        assertTrue(crm(keys, "keys", "create", "--client", "axb", "--role", "bi") != 0, "one key per client");
    }

    private static int crm(Path keysFile, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Repository.ROOT.resolve("crm").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CRM_GATEWAY_API_KEYS_FILE", keysFile.toString());
        builder.environment().put("CRM_API_KEYS_READER_UID", "");
        return builder.start().waitFor();
    }
}
