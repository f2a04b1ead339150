package io.taskstream.notification.delivery;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Contacts;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import io.taskstream.notification.sms.LocalSmsGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away right after the gateway accepted an sms and comes back 3 s later: the outcome is
 * still recorded for that attempt, and the sms is not sent a second time when the (10 s) lease ends.
 */
@MicronautTest(transactional = false)
class OutcomeAfterDatabaseBlipTest extends RealInfrastructureTest {

    private final LocalSmsGateway gateway = new LocalSmsGateway();

    @jakarta.inject.Inject
    @Client("/")
    HttpClient http;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true", "taskstream.sms.url", gateway.url(),
                "taskstream.delivery.lease", "10s", "datasources.default.connection-timeout", "1000");
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    @Test
    void aSentSmsIsRecordedOnceTheDatabaseIsBackNotSentAgain() {
        String user = "blip-" + UUID.randomUUID();
        String phone = "+4915200" + (System.nanoTime() % 100000);
        new Contacts(http.toBlocking(), tokenFor("ops", "admin")).put(user, null, phone);
        AtomicBoolean cut = new AtomicBoolean();
        gateway.beforeAnswer(() -> {
            if (cut.compareAndSet(false, true)) {
                databaseProxy().cut();
                CompletableFuture.runAsync(databaseProxy()::restore, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            }
        });
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, "overdue", "blip", "sms")));

        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> inbox.all().size() == 1
                && sms(inbox).status().equals("delivered"));
        assertThat(cut).as("the database was cut while the sms was being sent").isTrue();
        assertThat(sms(inbox).attempts()).as("recorded for the attempt that sent it").isEqualTo(1);
        assertThat(gateway.receivedFor(phone)).hasSize(1);
    }

    private static DeliveryView sms(Inbox inbox) {
        return inbox.all().get(0).deliveries().stream().filter(d -> d.channel().equals("sms")).findFirst().orElseThrow();
    }
}
