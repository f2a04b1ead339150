package io.taskstream.websocket.socket;

import io.micronaut.websocket.CloseReason;

/** Close codes of {@code /ws/updates} (4000-4999 are for applications). */
public final class CloseCodes {

    /** A parameter the server cannot use (e.g. two {@code after} values). */
    public static final int BAD_REQUEST = 4400;
    /** No token, or a token that is invalid or expired. Get a fresh token, then reconnect. */
    public static final int UNAUTHORIZED = 4401;
    /** The page's Origin is not in {@code WEBSOCKET_ALLOWED_ORIGINS}. Do not retry. */
    public static final int ORIGIN_REFUSED = 4403;
    /** No pong or message within the idle timeout. Reconnect with the last position. */
    public static final int IDLE_TIMEOUT = 4408;
    /** The client read too slowly; a {@code resync} was sent. Reload, then reconnect. */
    public static final int TOO_SLOW = 4429;
    /** The replica is shutting down (a rolling update, a scale-down). Reconnect at once with the last position. */
    public static final int GOING_AWAY = 1001;
    /** The replica is not yet following the topic. Retry with back-off (standard "try again later"). */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }

    public static CloseReason reason(int code, String text) {
        return new CloseReason(code, text);
    }
}
