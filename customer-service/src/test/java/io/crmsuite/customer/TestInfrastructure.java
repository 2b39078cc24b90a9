package io.crmsuite.customer;

import io.crmsuite.infra.CrmInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real PostgreSQL and Kafka for every test of this module, started once per run. */
@WithTestResource(value = CrmInfraTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "postgresql,kafka"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
