package io.taskstream.messaging.consumer;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.configuration.kafka.event.KafkaConsumerStartedPollingEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Knows the thread behind each listener. micronaut-kafka 5.9 gives no sign when a poll loop dies:
 * an {@link Error} from a listener ends the loop, the executor swallows it (the pool thread lives
 * on, idle) and the consumer id stays registered. So readiness asks here whether each listener's
 * thread is still alive and still inside the poll loop.
 */
@Singleton
@Requires(beans = ConsumerRegistry.class)
public class ListenerThreads {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerThreads.class);

    private static final String POLL_LOOP_CLASS = "io.micronaut.configuration.kafka.processor.ConsumerState";
    private static final String POLL_LOOP_METHOD = "threadPollLoop";

    private final ConsumerRegistry registry;
    private final Map<Consumer<?, ?>, Thread> threads = new ConcurrentHashMap<>();

    ListenerThreads(ConsumerRegistry registry) {
        this.registry = registry;
    }

    /** Published by the poll loop itself after its first poll, so the current thread is the listener's. */
    @EventListener
    void onPolling(KafkaConsumerStartedPollingEvent event) {
        threads.put(event.getSource(), Thread.currentThread());
    }

    /** Ids of listeners whose poll loop has ended. */
    public List<String> dead() {
        return registry.getConsumerIds().stream().filter(id -> {
            Thread thread = threads.get(registry.getConsumer(id));
            return thread != null && !inPollLoop(thread);
        }).sorted().toList();
    }

    private static boolean inPollLoop(Thread thread) {
        if (!thread.isAlive()) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(POLL_LOOP_CLASS) && frame.getMethodName().equals(POLL_LOOP_METHOD)) {
                return true;
            }
        }
        return false;
    }

    /**
     * micronaut-kafka 5.9 waits, without a time limit, for every poll loop to report itself closed
     * at shutdown; a dead one never does, and the process would hang until SIGKILL. Mark dead
     * loops closed so shutdown completes (their consumers were already closed when they died).
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        List<String> dead = dead();
        if (dead.isEmpty()) {
            return;
        }
        try {
            Field consumers = registry.getClass().getDeclaredField("consumers");
            consumers.setAccessible(true);
            Map<?, ?> states = (Map<?, ?>) consumers.get(registry);
            for (String id : dead) {
                Object state = states.get(id);
                Field closed = field(state.getClass(), "closedState");
                closed.setAccessible(true);
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object value = Enum.valueOf((Class<Enum>) closed.getType(), "CLOSED");
                closed.set(state, value);
                LOG.warn("listener {} had died; marked closed so shutdown does not wait for it", id);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.error("cannot release dead listeners {}; shutdown may hang until the process is killed", dead, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
