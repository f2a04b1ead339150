package io.taskstream.bench.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Against a real HTTP server on loopback (the JDK's), both body framings and keep-alive. */
class Http1ConnectionTest {

    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = ("got " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " as " + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getQuery() != null;
            exchange.sendResponseHeaders(201, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsSizedAndChunkedAnswersOverOneKeptAliveConnection() throws IOException {
        try (Http1Connection connection = new Http1Connection(base)) {
            Http1Connection.Response sized = connection.exchange(
                    Http1Connection.post(base.resolve("/echo"), "Authorization: Bearer t1\r\n", "{\"a\":1}"));
            Http1Connection.Response chunked = connection.exchange(
                    Http1Connection.post(base.resolve("/echo?chunked"), "Authorization: Bearer t2\r\n", "é"));

            assertThat(sized).isEqualTo(new Http1Connection.Response(201, "got {\"a\":1} as Bearer t1"));
            assertThat(chunked).isEqualTo(new Http1Connection.Response(201, "got é as Bearer t2"));
            assertThat(clientPorts).hasSize(1);
        }
    }

    @Test
    void opensANewConnectionAfterAnAnswerThatClosedIt() throws IOException {
        server.createContext("/close", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try (Http1Connection connection = new Http1Connection(base)) {
            byte[] request = Http1Connection.post(base.resolve("/close"), "", "x");
            assertThat(connection.exchange(request).status()).isEqualTo(204);
            assertThat(connection.exchange(request)).isEqualTo(new Http1Connection.Response(204, ""));
            assertThat(clientPorts).hasSize(2);
        }
    }
}
