package io.crmsuite.infra;

/** JMX view of the test broker, so a test can cause a Kafka outage whatever class loader it runs in. */
public interface KafkaControlMBean {

    void stopBroker() throws Exception;

    void startBroker() throws Exception;
}
