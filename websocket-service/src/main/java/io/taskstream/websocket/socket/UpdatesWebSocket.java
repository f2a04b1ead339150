package io.taskstream.websocket.socket;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.WebSocketPongMessage;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code /ws/updates?access_token=<jwt>&after=<position>}: the signed-in user's board updates.
 * The token may instead come as a subprotocol {@code bearer.<jwt>} (offered next to
 * {@code taskstream.v1}, which the server selects) or, for non-browser clients, an
 * {@code Authorization: Bearer} header. The socket is checked here rather than by the HTTP
 * security filter so a refused client gets a close code it can act on.
 */
@ServerWebSocket(value = "/ws/updates", subprotocols = UpdatesWebSocket.SUBPROTOCOL)
public class UpdatesWebSocket {

    static final String SUBPROTOCOL = "taskstream.v1";
    private static final String BEARER_SUBPROTOCOL = "bearer.";
    private static final Logger LOG = LoggerFactory.getLogger(UpdatesWebSocket.class);

    private final OriginPolicy origins;
    private final TokenAuthenticator authenticator;
    private final Subscriptions subscriptions;
    private final SocketMetrics metrics;

    UpdatesWebSocket(OriginPolicy origins, TokenAuthenticator authenticator, Subscriptions subscriptions,
                     SocketMetrics metrics) {
        this.origins = origins;
        this.authenticator = authenticator;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        if (!origins.allows(request.getHeaders().get(HttpHeaders.ORIGIN), request.getHeaders().get(HttpHeaders.HOST))) {
            refuse(session, CloseCodes.ORIGIN_REFUSED, "origin not allowed");
            return;
        }
        List<String> after = request.getParameters().getAll("after");
        if (after.size() > 1 || request.getParameters().getAll("access_token").size() > 1) {
            refuse(session, CloseCodes.BAD_REQUEST, "at most one after and one access_token");
            return;
        }
        String token = token(request);
        if (token == null) {
            refuse(session, CloseCodes.UNAUTHORIZED, "token required");
            return;
        }
        authenticator.authenticate(token, request).whenComplete((auth, error) -> {
            if (error != null || auth.isEmpty()) {
                refuse(session, CloseCodes.UNAUTHORIZED, "invalid or expired token");
            } else {
                subscriptions.open(session, auth.get().getName(), TokenAuthenticator.expiresAt(auth.get()),
                        after.isEmpty() ? null : after.get(0));
            }
        });
    }

    /** Browsers cannot send pings; any text (e.g. {@code {"type":"ping"}}) counts as a sign of life. */
    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        subscriptions.touch(session);
    }

    @OnMessage
    public void onPong(WebSocketPongMessage pong, WebSocketSession session) {
        subscriptions.touch(session);
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        subscriptions.remove(session);
    }

    private void refuse(WebSocketSession session, int code, String reason) {
        LOG.debug("refusing socket {}: {} {}", session.getId(), code, reason);
        metrics.refused(code);
        session.close(CloseCodes.reason(code, reason));
    }

    private static String token(HttpRequest<?> request) {
        String query = request.getParameters().get("access_token");
        if (query != null && !query.isBlank()) {
            return query;
        }
        for (String header : request.getHeaders().getAll(HttpHeaders.SEC_WEBSOCKET_PROTOCOL)) {
            for (String protocol : header.split(",")) {
                String p = protocol.trim();
                if (p.startsWith(BEARER_SUBPROTOCOL) && p.length() > BEARER_SUBPROTOCOL.length()) {
                    return p.substring(BEARER_SUBPROTOCOL.length());
                }
            }
        }
        return request.getHeaders().getAuthorization()
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7)).map(a -> a.substring(7).trim())
                .orElse(null);
    }
}
