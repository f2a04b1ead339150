package io.taskstream.messaging.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay thread's loop alone (a stand-in relay, no database or broker involved). */
class OutboxRelayWorkerTest {

    @Test
    void anErrorInOneDrainDoesNotEndTheRelayThread() throws Exception {
        AtomicInteger drains = new AtomicInteger();
        CountDownLatch drainedAgain = new CountDownLatch(1);
        OutboxRelay relay = new OutboxRelay(null, null, null, 500) {
            @Override
            public boolean drain() {
                if (drains.incrementAndGet() == 1) {
                    throw new NoClassDefFoundError("a class missing from the image, once");
                }
                drainedAgain.countDown();
                return true;
            }
        };
        OutboxRelayWorker worker = new OutboxRelayWorker(relay, Duration.ofMillis(10));
        try {
            assertThat(drainedAgain.await(5, TimeUnit.SECONDS)).as("drained again after the Error").isTrue();
        } finally {
            worker.stop();
        }
        assertThat(drains.get()).isGreaterThanOrEqualTo(2);
    }
}
