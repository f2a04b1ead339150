package io.taskstream.bench.fanout;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsProtocolTest {

    private static final String UPDATE = "{\"type\":\"update\",\"position\":\"1-42\",\"task\":{\"title\":\"" + "x".repeat(300) + "\"}}";

    /** A server frame: unmasked, FIN as given. */
    private static byte[] frame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len > 65_535) {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) len >>> (8 * i)) & 0xff);
            }
        } else if (len > 125) {
            out.write(126);
            out.write(len >>> 8);
            out.write(len & 0xff);
        } else {
            out.write(len);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return frame(true, WsProtocol.OP_TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Recorder implements WsProtocol.Handler {
        final List<String> events = new ArrayList<>();

        @Override
        public void message(WsProtocol.Kind kind) {
            events.add(kind.name());
        }

        @Override
        public void ping(byte[] payload) {
            events.add("ping:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code) {
            events.add("close:" + code);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void parsesFramesWhateverTheReadBoundaries() {
        byte[] stream = concat(text("{\"type\":\"hello\",\"user_id\":\"u\",\"position\":\"1-0\"}"), text(UPDATE),
                frame(true, WsProtocol.OP_PING, "hb".getBytes(StandardCharsets.UTF_8)),
                frame(true, WsProtocol.OP_TEXT, ("{\"type\":\"update\"," + "y".repeat(70_000) + "}").getBytes(StandardCharsets.UTF_8)),
                frame(false, WsProtocol.OP_TEXT, "{\"type\":\"upd".getBytes(StandardCharsets.UTF_8)),
                frame(true, WsProtocol.OP_CONTINUATION, "ate\"}".getBytes(StandardCharsets.UTF_8)),
                text("{\"type\":\"resync\"}"), frame(true, WsProtocol.OP_CLOSE, new byte[]{0x11, 0x3d, 'x'}));
        List<String> expected = List.of("HELLO", "UPDATE", "ping:hb", "UPDATE", "UPDATE", "OTHER", "close:4413");
        for (int chunk : new int[]{1, 3, 7, 100, 4096, stream.length}) {
            WsProtocol.Parser parser = new WsProtocol.Parser();
            Recorder r = new Recorder();
            for (int i = 0; i < stream.length; i += chunk) {
                parser.feed(ByteBuffer.wrap(stream, i, Math.min(chunk, stream.length - i)), r);
            }
            assertThat(r.events).as("chunks of " + chunk).isEqualTo(expected);
        }
    }

    @Test
    void emptyFramesAndRefusesMaskedOnes() {
        Recorder r = new Recorder();
        WsProtocol.Parser parser = new WsProtocol.Parser();
        parser.feed(ByteBuffer.wrap(concat(frame(true, WsProtocol.OP_PING, new byte[0]), frame(true, WsProtocol.OP_CLOSE, new byte[0]))), r);
        assertThat(r.events).containsExactly("ping:", "close:1005");
        assertThatThrownBy(() -> new WsProtocol.Parser().feed(ByteBuffer.wrap(new byte[]{(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 5}), r))
                .hasMessageContaining("masked");
    }

    @Test
    void clientFramesAreMasked() {
        byte[] payload = "pong-payload".getBytes(StandardCharsets.UTF_8);
        ByteBuffer f = WsProtocol.clientFrame(WsProtocol.OP_PONG, payload);
        assertThat(f.get(0)).isEqualTo((byte) 0x8a);
        assertThat(f.get(1)).isEqualTo((byte) (0x80 | payload.length));
        byte[] unmasked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            unmasked[i] = (byte) (f.get(6 + i) ^ f.get(2 + (i & 3)));
        }
        assertThat(unmasked).isEqualTo(payload);
        assertThat(WsProtocol.clientFrame(WsProtocol.OP_TEXT, new byte[300]).remaining()).isEqualTo(2 + 2 + 4 + 300);
    }

    @Test
    void upgradeRequestAndResponseHead() {
        String req = WsProtocol.upgradeRequest("localhost:8084", "/ws/updates?access_token=t");
        assertThat(req).startsWith("GET /ws/updates?access_token=t HTTP/1.1\r\nHost: localhost:8084\r\n")
                .contains("Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n")
                .doesNotContain("Origin");
        byte[] head = "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\n\r\n\u0081\u0002{}".getBytes(StandardCharsets.ISO_8859_1);
        int end = WsProtocol.headEnd(head, head.length);
        assertThat(head.length - end).isEqualTo(4);
        assertThat(WsProtocol.switched(head, head.length)).isTrue();
        assertThat(WsProtocol.headEnd(head, 20)).isEqualTo(-1);
        byte[] refused = "HTTP/1.1 403 Forbidden\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(WsProtocol.switched(refused, refused.length)).isFalse();
    }
}
