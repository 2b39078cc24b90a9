package io.crmsuite.complaint;

import io.crmsuite.infra.CrmInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** A real Kafka broker and the MongoDB-protocol server for every test of this module, started once per run. */
@WithTestResource(value = CrmInfraTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "mongodb,kafka"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
