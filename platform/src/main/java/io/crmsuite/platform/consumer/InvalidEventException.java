package io.crmsuite.platform.consumer;

/**
 * The event itself is at fault: it cannot be decoded, or a field it must have is missing or malformed. Only this
 * sends an event to a dead-letter topic; any other failure (our store, our network) is retried until it passes.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
