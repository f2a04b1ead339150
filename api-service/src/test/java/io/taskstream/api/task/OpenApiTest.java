package io.taskstream.api.task;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OpenApiTest extends RealInfrastructureTest {

    static final String SPEC = "/swagger/taskstream-api-1.yml";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    @SuppressWarnings("unchecked")
    void theGeneratedDocumentIsServedAndDescribesEveryOperation() {
        String yaml = http.toBlocking().retrieve(HttpRequest.GET(SPEC));
        Map<String, Object> doc = new Yaml().load(yaml);

        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        assertThat(paths.get("/tasks")).containsKeys("get", "post");
        assertThat(paths.get("/tasks/{id}")).containsKeys("get", "patch", "delete");
        assertThat(paths).containsKeys("/tasks/{id}/complete", "/tasks/{id}/reopen");
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) doc.get("components")).get("schemas");
        Map<String, Object> write = (Map<String, Object>) schemas.get("TaskWrite").get("properties");
        assertThat(write.keySet()).as("TaskWriteDocument must list exactly the fields the parser accepts")
                .isEqualTo(TaskInputParser.FIELDS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsTheOptionalOnBehalfOfHeader() {
        Map<String, Object> doc = new Yaml().load(http.toBlocking().retrieve(HttpRequest.GET(SPEC)));

        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths.values().stream().flatMap(p -> p.values().stream()).toList()).hasSize(7).allSatisfy(operation ->
                assertThat((java.util.List<Map<String, Object>>) operation.get("parameters"))
                        .filteredOn(p -> "X-On-Behalf-Of".equals(p.get("name")))
                        .singleElement().satisfies(p -> {
                            assertThat(p).containsEntry("in", "header").containsEntry("required", false);
                            assertThat((Map<String, Object>) p.get("schema")).containsEntry("type", "string");
                        }));
        assertThat((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas"))
                .doesNotContainKey("Caller");
    }

    @Test
    void theSwaggerUiIsServedWithItsOwnAssets() {
        String page = http.toBlocking().retrieve(HttpRequest.GET("/swagger-ui/index.html"));

        assertThat(page).contains("swagger-ui");
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js")).code()).isEqualTo(200);
    }
}
