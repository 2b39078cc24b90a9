package io.crmsuite.infra;

/** A server of the local infrastructure: started and stopped as a unit. */
public interface Managed extends AutoCloseable {

    String name();

    void start() throws Exception;

    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }
}
