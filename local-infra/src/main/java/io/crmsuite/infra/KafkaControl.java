package io.crmsuite.infra;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Stops and restarts the test Kafka broker (same port, same data) for outage tests. Quarkus tests run in their own
 * class loader, so tests reach the broker through the platform MBean server, which every class loader shares.
 */
public final class KafkaControl implements KafkaControlMBean {

    static final String OBJECT_NAME = "io.crmsuite.infra:type=KafkaControl";

    private final KafkaBroker broker;

    KafkaControl(KafkaBroker broker) {
        this.broker = broker;
    }

    @Override
    public void stopBroker() {
        broker.stop();
    }

    @Override
    public void startBroker() throws Exception {
        broker.start();
    }

    static void register(KafkaBroker broker) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(new KafkaControl(broker), name);
    }

    /** Takes the test broker down: producers and consumers see a Kafka outage until {@link #startKafka()}. */
    public static void stopKafka() {
        invoke("stopBroker");
    }

    /** Brings the test broker back on the same port with the same data. */
    public static void startKafka() {
        invoke("startBroker");
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(OBJECT_NAME), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("no test Kafka broker to " + operation + ": " + e.getMessage(), e);
        }
    }
}
