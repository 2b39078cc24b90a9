package io.crmsuite.webhook;

import io.crmsuite.infra.CrmInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL and Kafka for every test of this module, started once per run. The JDBC URL names the database
 * {@code webhooks}, which the fresh server does not have: the service creates it at start-up, as in a deployment.
 */
@WithTestResource(value = CrmInfraTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = "servers", value = "postgresql,kafka"),
        @ResourceArg(name = "postgresql.database", value = "webhooks") })
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
