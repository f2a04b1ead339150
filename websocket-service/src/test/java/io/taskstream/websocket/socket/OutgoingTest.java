package io.taskstream.websocket.socket;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.taskstream.websocket.updates.BoardUpdate;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An update is encoded once; every socket's frame reads the same bytes without disturbing the others. */
class OutgoingTest {

    @Test
    void framesShareTheEncodedBytesAndSurviveEachOthersRelease() {
        Instant at = Instant.parse("2025-01-01T12:00:00Z");
        String json = "{\"type\":\"update\",\"position\":\"0-7\",\"task\":{\"title\":\"ünïcødé ✓\"}}";
        Outgoing message = Outgoing.update(new BoardUpdate(0, 7, "ann", at, at, json));

        TextWebSocketFrame first = message.frame();
        TextWebSocketFrame second = message.frame();
        assertThat(first.text()).isEqualTo(json);
        first.content().skipBytes(first.content().readableBytes()); // as a socket write consumes it
        first.release();
        first.release(); // writes and encoders release; the shared payload must not care

        assertThat(second.text()).isEqualTo(json);
        assertThat(message.frame().text()).isEqualTo(json);
        assertThat(message.offset()).isEqualTo(7);
        assertThat(message.type()).isEqualTo("update");
        assertThat(message.occurredAt()).isEqualTo(at);
    }
}
