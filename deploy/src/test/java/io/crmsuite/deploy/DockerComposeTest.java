package io.crmsuite.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** docker-compose.yml, read without a Docker engine. */
class DockerComposeTest {

    private final ComposeChecks checks = new ComposeChecks(YamlFiles.loadOne(Repository.COMPOSE_FILE),
            Manifests.SETTINGS);

    @Test
    void servicesGetOnlyTheirOwnSettings() {
        assertEquals(List.of(), checks.environment());
    }

    @Test
    void domainServicesScaleAndOnlyTheGatewayPublishesAPort() {
        assertEquals(List.of(), checks.scaling());
    }

    @Test
    void gatewaySpreadsConnectionsOverReplicasAndReachesEachServicesPort() {
        assertEquals(List.of(), checks.gatewayRouting());
    }

    @Test
    void gatewayMountsTheKeyFileReadOnlyAndNeverAsADirectory() {
        assertEquals(List.of(), checks.apiKeysMount());
    }
}
