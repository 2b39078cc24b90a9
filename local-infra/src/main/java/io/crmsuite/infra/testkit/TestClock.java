package io.crmsuite.infra.testkit;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In every module that tests with local-infra, replaces the system clock with {@link #CLOCK}, which tests move
 * forward. A bean because local-infra is a bean archive (META-INF/beans.xml) on test class paths only.
 */
@Singleton
public class TestClock {

    public static final MutableClock CLOCK = new MutableClock();

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return CLOCK;
    }
}
