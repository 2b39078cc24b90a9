package io.crmsuite.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Stub services, API keys and a JWT key pair for every gateway test, set up once per run. */
@WithTestResource(value = StubBackends.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
