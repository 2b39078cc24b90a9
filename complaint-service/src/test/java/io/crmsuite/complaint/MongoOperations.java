package io.crmsuite.complaint;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * Every command the service's MongoDB client sends, as {@code "<command> <collection>"} (e.g. {@code "insert
 * complaints"}), with the thread that sent it: a test counts the round trips of one intake or action. Quarkus
 * registers any {@link CommandListener} on its client; the sync driver calls it on the thread that runs the
 * command, so what a test calls on its own thread is told apart from the service's background threads.
 */
public class MongoOperations implements CommandListener {

    /** One command sent. */
    public record Operation(Thread thread, String name, String json) {
    }

    private static final Queue<Operation> SENT = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (recording) {
            String command = event.getCommandName();
            var value = event.getCommand().get(command);
            String collection = value != null && value.isString() ? " " + value.asString().getValue() : "";
            SENT.add(new Operation(Thread.currentThread(), command + collection, event.getCommand().toJson()));
        }
    }

    /** Starts recording, forgetting what was recorded before. */
    public static void start() {
        SENT.clear();
        recording = true;
    }

    public static void stop() {
        recording = false;
    }

    /** The commands {@code thread} sent since {@link #start()}, in order. */
    public static List<String> sentBy(Thread thread) {
        List<String> names = new ArrayList<>();
        SENT.stream().filter(o -> o.thread() == thread).forEach(o -> names.add(o.name()));
        return names;
    }

    /** The commands other threads than {@code thread} sent since {@link #start()}, in order. */
    public static List<Operation> sentByOthers(Thread thread) {
        return SENT.stream().filter(o -> o.thread() != thread).toList();
    }

    /** The commands other threads than {@code thread} sent since {@link #start()} that name {@code text}. */
    public static List<String> sentByOthersNaming(Thread thread, String text) {
        List<String> names = new ArrayList<>();
        SENT.stream().filter(o -> o.thread() != thread && o.json().contains(text)).forEach(o -> names.add(o.name()));
        return names;
    }
}
