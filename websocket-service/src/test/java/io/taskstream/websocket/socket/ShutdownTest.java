package io.taskstream.websocket.socket;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.localstack.junit.ShutdownDuringRequest;
import io.taskstream.websocket.updates.UpdateHistory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.taskstream.websocket.socket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM during a rolling update: every open socket is told the replica is going away (1001), so the
 * browser reconnects at once with its position and another replica resumes it without a gap, and the
 * stop neither waits out the grace period for the sockets nor for the Kafka poll loop.
 */
class ShutdownTest extends RealInfrastructureTest {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(60);

    @Test
    void openSocketsAreClosedWithGoingAwayAndTheStopDoesNotWaitOutTheGracePeriod() throws Exception {
        ApplicationContext context = ShutdownDuringRequest.start(getProperties(), GRACE_PERIOD);
        try {
            await().atMost(Duration.ofSeconds(60)).until(context.getBean(UpdateHistory.class)::ready);
            int port = context.getBean(EmbeddedServer.class).getPort();
            try (RawWebSocket socket = new RawWebSocket(port, "/ws/updates?access_token=" + tokenFor("omar"), 0)) {
                assertThat(socket.read().opcode()).as("hello").isEqualTo(TEXT);

                long start = System.nanoTime();
                CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
                List<RawWebSocket.Frame> frames = socket.readUntilClose(Duration.ofSeconds(20));
                stopped.get(GRACE_PERIOD.toSeconds() * 2, TimeUnit.SECONDS);
                Duration stop = Duration.ofNanos(System.nanoTime() - start);

                assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
                assertThat(stop).as("stop took the whole grace period").isLessThan(GRACE_PERIOD.dividedBy(2));
            }
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
