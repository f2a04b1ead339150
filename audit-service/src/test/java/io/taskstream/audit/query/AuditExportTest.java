package io.taskstream.audit.query;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.audit.log.AuditEntryView;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.taskstream.events.EventTypes.TASK_CREATED;
import static io.taskstream.events.EventTypes.TASK_UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** NDJSON and CSV exports: one record per entry, oldest first, same filters and access rules as GET /audit. */
@MicronautTest(transactional = false)
class AuditExportTest extends RealInfrastructureTest {

    private static final String AWKWARD_TITLE = "Buy \\\"milk\\\", eggs; then \\u00e9clairs";

    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;

    private List<UUID> all;

    @BeforeAll
    void storeFourEvents() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        String taskA = UUID.randomUUID().toString();
        String key = "audit-export-test";
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, taskA, "alice", "2026-02-01T00:00:00Z", AWKWARD_TITLE));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_UPDATED, taskA, "alice", "2026-02-02T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, UUID.randomUUID().toString(), "bob", "2026-02-03T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, UUID.randomUUID().toString(), "alice", "2026-02-04T00:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> page().size() == 4);
        all = page().stream().map(AuditEntryView::eventId).toList();
    }

    @Test
    void ndjsonHasOneJsonObjectPerLineOldestFirst() throws Exception {
        HttpResponse<String> response = export("erin", "auditor", "format=ndjson");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).matches("attachment; filename=\"audit-\\d{8}T\\d{6}Z\\.ndjson\""));
        assertThat(response.body()).endsWith("\n");
        List<JsonNode> lines = response.body().lines().map(this::parse).toList();
        assertThat(lines).extracting(l -> UUID.fromString(l.get("event_id").getStringValue())).isEqualTo(all);
        JsonNode first = lines.get(0);
        assertThat(first.get("data").get("task").get("title").getStringValue()).isEqualTo("Buy \"milk\", eggs; then \u00e9clairs");
        assertThat(first.get("changes").isArray()).isTrue();
        assertThat(lines.get(1).get("changes").size()).isEqualTo(2);
        assertThat(first.get("actor")).as("always present, null until recorded").isNotNull();
        assertThat(first.get("prev_hash")).isNotNull();
    }

    @Test
    void csvHasAHeaderAndOneParseableRowPerEntry() throws Exception {
        HttpResponse<String> response = export("erin", "auditor", "format=csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).matches("attachment; filename=\"audit-\\d{8}T\\d{6}Z\\.csv\""));
        List<List<String>> rows = Csv.parse(response.body());
        assertThat(rows.get(0)).isEqualTo(Arrays.asList(CsvRows.COLUMNS));
        assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r).hasSize(CsvRows.COLUMNS.length));
        List<List<String>> entries = rows.subList(1, rows.size());
        assertThat(entries).extracting(r -> UUID.fromString(r.get(0))).isEqualTo(all);
        int data = Arrays.asList(CsvRows.COLUMNS).indexOf("data");
        int changes = Arrays.asList(CsvRows.COLUMNS).indexOf("changes");
        assertThat(parse(entries.get(0).get(data)).get("task").get("title").getStringValue())
                .isEqualTo("Buy \"milk\", eggs; then \u00e9clairs");
        assertThat(parse(entries.get(0).get(changes)).size()).isZero();
        assertThat(parse(entries.get(1).get(changes)).get(1).get("field").getStringValue()).isEqualTo("priority");
        assertThat(entries.get(2).get(4)).isEqualTo("bob");
    }

    @Test
    void exportsApplyTheFiltersAndTheAccessRules() throws Exception {
        assertThat(export("alice", null, "").body().lines()).hasSize(3)
                .allSatisfy(l -> assertThat(parse(l).get("user_id").getStringValue()).isEqualTo("alice"));
        assertThat(export("alice", null, "type=task.updated").body().lines()).hasSize(1);
        assertThat(export("alice", null, "from=2026-02-02T00:00:00Z&to=2026-02-04T00:00:00Z").body().lines()).hasSize(1);
        assertThat(Csv.parse(export("erin", "auditor", "format=csv&userId=bob").body())).hasSize(2);
        assertThat(Csv.parse(export("mallory", null, "format=csv").body())).hasSize(1);
        assertThat(export("mallory", null, "").body()).isEmpty();
        assertThat(export("alice", null, "userId=bob").statusCode()).isEqualTo(403);
    }

    @Test
    void pageItemsNdjsonLinesAndCsvColumnsCarryTheSameProperties() throws Exception {
        JsonNode page = parse(http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/audit?userId=bob")
                .bearerAuth(tokenFor("erin", "auditor")), String.class));
        assertThat(names(page)).containsExactlyInAnyOrder("items", "next_cursor");
        assertThat(page.get("next_cursor").isNull()).isTrue();
        JsonNode line = parse(export("bob", null, "").body().lines().findFirst().orElseThrow());
        assertThat(names(page.get("items").get(0))).containsExactlyInAnyOrder(CsvRows.COLUMNS)
                .containsExactlyInAnyOrderElementsOf(names(line));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.entries().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private HttpResponse<String> export(String user, String role, String query) throws Exception {
        String token = role == null ? tokenFor(user) : tokenFor(user, role);
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/audit/export?" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private List<AuditEntryView> page() {
        return http.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET("/audit?limit=500")
                .bearerAuth(tokenFor("erin", "auditor")), AuditPage.class).items();
    }

    private JsonNode parse(String text) {
        try {
            return json.readValue(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
