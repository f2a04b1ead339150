package io.taskstream.localstack;

import io.taskstream.localstack.infra.JdbcUrls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432/postgres?sslmode=require", "t_x"))
                .isEqualTo("jdbc:postgresql://db:5432/t_x?sslmode=require");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5433/postgres", "taskstream_api"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5433/taskstream_api");
    }

    @Test
    void readsAndReplacesTheServer() {
        String url = "jdbc:postgresql://127.0.0.1:5433/t_x?sslmode=require";
        assertThat(JdbcUrls.server(url).getHostString()).isEqualTo("127.0.0.1");
        assertThat(JdbcUrls.server(url).getPort()).isEqualTo(5433);
        assertThat(JdbcUrls.server("jdbc:postgresql://db/t").getPort()).isEqualTo(5432);
        assertThat(JdbcUrls.withServer(url, "localhost", 40000)).isEqualTo("jdbc:postgresql://localhost:40000/t_x?sslmode=require");
    }
}
