package io.crmsuite.infra;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Store outages for tests: the services reach MongoDB and PostgreSQL through a {@link TcpProxy}, and a test makes
 * one refuse and reset connections for as long as it likes, then restores it; the server keeps its data. Tests run
 * in Quarkus's class loader, so they reach the proxy through the platform MBean server, as {@link KafkaControl}.
 */
public final class Outages implements OutagesMBean {

    private final TcpProxy proxy;

    private Outages(TcpProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void refuse() {
        proxy.refuse();
    }

    @Override
    public void silence() {
        proxy.silence();
    }

    @Override
    public void restore() throws Exception {
        proxy.accept();
    }

    static void register(String server, TcpProxy proxy) throws JMException {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = nameOf(server);
        if (mbeans.isRegistered(name)) {
            mbeans.unregisterMBean(name);
        }
        mbeans.registerMBean(new Outages(proxy), name);
    }

    /** MongoDB refuses connections and resets the open ones until {@link #restoreMongoDb()}. */
    public static void refuseMongoDb() {
        invoke("mongodb", "refuse");
    }

    public static void restoreMongoDb() {
        invoke("mongodb", "restore");
    }

    /** PostgreSQL refuses connections and resets the open ones until {@link #restorePostgreSql()}. */
    public static void refusePostgreSql() {
        invoke("postgresql", "refuse");
    }

    /** PostgreSQL goes silent (a partition: nothing refused, nothing answered) until {@link #restorePostgreSql()}. */
    public static void silencePostgreSql() {
        invoke("postgresql", "silence");
    }

    public static void restorePostgreSql() {
        invoke("postgresql", "restore");
    }

    private static ObjectName nameOf(String server) throws JMException {
        return new ObjectName("io.crmsuite.infra:type=Outages,server=" + server);
    }

    private static void invoke(String server, String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(nameOf(server), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("cannot " + operation + " the test " + server + ": " + e.getMessage(), e);
        }
    }
}
