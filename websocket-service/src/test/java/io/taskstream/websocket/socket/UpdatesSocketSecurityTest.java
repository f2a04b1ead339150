package io.taskstream.websocket.socket;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who may open /ws/updates: a valid, unexpired token from an allowed Origin (or no Origin). */
@MicronautTest(transactional = false)
class UpdatesSocketSecurityTest extends RealInfrastructureTest {

    private static final String SECRET = Hs256Tokens.newSecret();

    @Inject
    @Client("/")
    WebSocketClient ws;
    @Inject
    UpdateHistory history;
    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @BeforeAll
    void listenerFollowsTheTopic() {
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
    }

    @Test
    void aValidTokenFromAnAllowedOriginGetsHello() {
        TestSocket socket = open(request("?access_token=" + token("gina", Duration.ofHours(1)))
                .header("Origin", "http://localhost:8084"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(socket.messages()).singleElement().asString().contains("\"type\":\"hello\"", "\"user_id\":\"gina\""));
        assertThat(socket.closeReason()).isNull();
        socket.close();
    }

    /** What a browser does: {@code new WebSocket(url, ["taskstream.v1", "bearer." + token])}; here with the JDK client. */
    @Test
    void theTokenMayComeAsASubprotocol() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        var socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("taskstream.v1", "bearer." + token("gina", Duration.ofHours(1)))
                .buildAsync(java.net.URI.create("ws://localhost:" + server.getPort() + "/ws/updates"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                                                                   CharSequence data, boolean last) {
                                received.add(data.toString());
                                ws.request(1);
                                return null;
                            }
                        }).get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(socket.getSubprotocol()).isEqualTo("taskstream.v1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(received).singleElement().asString().contains("\"type\":\"hello\"", "\"user_id\":\"gina\""));
        socket.abort();
    }

    @Test
    void missingBadForeignAndExpiredTokensAreClosedWith4401() {
        String foreign = Hs256Tokens.mint(Hs256Tokens.newSecret(), "gina", List.of(), Duration.ofHours(1));
        for (String query : List.of("", "?access_token=not.a.jwt", "?access_token=" + foreign,
                "?access_token=" + token("gina", Duration.ofMinutes(-5)))) {
            assertClosed(request(query), CloseCodes.UNAUTHORIZED);
        }
    }

    @Test
    void anOpenSocketIsClosedWith4401WhenItsTokenExpires() {
        TestSocket socket = open(request("?access_token=" + token("gina", Duration.ofSeconds(5))));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(socket.messages()).singleElement().asString().contains("\"type\":\"hello\""));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(socket.closeReason()).as("closed once the token expired").isNotNull();
            assertThat(socket.closeReason().getCode()).isEqualTo(CloseCodes.UNAUTHORIZED);
        });
    }

    @Test
    void aForeignOriginIsClosedWith4403EvenWithAValidToken() {
        assertClosed(request("?access_token=" + token("gina", Duration.ofHours(1)))
                .header("Origin", "https://evil.example"), CloseCodes.ORIGIN_REFUSED);
    }

    @Test
    void twoPositionsAreABadRequest() {
        assertClosed(request("?access_token=" + token("gina", Duration.ofHours(1)) + "&after=0-1&after=0-2"),
                CloseCodes.BAD_REQUEST);
    }

    private void assertClosed(MutableHttpRequest<?> request, int code) {
        TestSocket socket = open(request);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(socket.closeReason()).as(request.getUri().toString()).isNotNull();
            assertThat(socket.closeReason().getCode()).as(request.getUri().toString()).isEqualTo(code);
        });
        assertThat(socket.messages()).isEmpty();
    }

    private static MutableHttpRequest<?> request(String query) {
        return HttpRequest.GET("/ws/updates" + query);
    }

    private TestSocket open(MutableHttpRequest<?> request) {
        return Mono.from(ws.connect(TestSocket.class, request)).block(Duration.ofSeconds(15));
    }

    private static String token(String user, Duration validFor) {
        return Hs256Tokens.mint(SECRET, user, List.of(), validFor);
    }

    @Override
    protected Map<String, String> extraProperties() {
        // The test server is bound to localhost, where Micronaut's CORS filter already answers a
        // foreign Origin with HTTP 403 (drive-by-localhost guard); let it through to test our own check.
        return Map.of("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET,
                "micronaut.server.cors.localhost-pass-through", "true",
                "taskstream.websocket.ping-interval", "300ms"); // the heartbeat also closes expired sockets
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
