package io.taskstream.notification;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class NotificationHealthTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void startsAndReportsHealthyWithoutAToken() {
        var response = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).contains("UP");
    }

    @Test
    void servesPrometheusMetricsWithoutAToken() {
        var response = http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void exportsKafkaClientTotalsAndPerBrokerMetersSideBySide() {
        // Both carried one name before KafkaMeterNames; Prometheus then dropped the per-broker ones.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String body = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
            assertThat(body).contains("kafka_consumer_request_total").contains("kafka_consumer_node_request_total");
            assertThat(body).containsPattern("kafka_consumer_node_request_total\\w*\\{[^}]*node_id=")
                    .containsPattern("kafka_consumer_partition_records_lag_max\\w*\\{[^}]*partition=");
        });
    }

}
