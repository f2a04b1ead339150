package io.taskstream.websocket.socket;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-site WebSocket hijacking guard: a browser always sends the page's Origin on the handshake,
 * and only pages from the allow-list may open a socket with the user's token.
 */
@Singleton
class OriginPolicy {

    private final Set<String> allowed;
    private final boolean allowMissing;

    OriginPolicy(@Value("${taskstream.websocket.allowed-origins}") String allowed,
                 @Value("${taskstream.websocket.allow-missing-origin:true}") boolean allowMissing) {
        this.allowed = Arrays.stream(allowed.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
        this.allowMissing = allowMissing;
    }

    /**
     * @param host the request's Host header: a page served by this service (the live board) calls it
     *             from its own origin, which is always allowed
     */
    boolean allows(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return allowMissing;
        }
        String o = normalise(origin);
        if (host != null && !host.isBlank()) {
            String h = host.trim().toLowerCase(java.util.Locale.ROOT);
            if (o.equals("http://" + h) || o.equals("https://" + h)) {
                return true;
            }
        }
        return allowed.contains(o);
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(java.util.Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
