package io.crmsuite.infra;

/** JMX view of one test server behind a {@link TcpProxy}, so a test can cause an outage from any class loader. */
public interface OutagesMBean {

    void refuse();

    void silence();

    void restore() throws Exception;
}
