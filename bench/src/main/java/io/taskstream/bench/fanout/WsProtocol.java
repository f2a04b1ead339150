package io.taskstream.bench.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Just enough RFC 6455 for a load generator holding tens of thousands of sockets: the upgrade request,
 * an incremental parser of server frames that keeps a few dozen bytes of state per socket (payloads
 * are skipped, only their first bytes are looked at), and masked client control frames.
 */
final class WsProtocol {

    static final int OP_CONTINUATION = 0;
    static final int OP_TEXT = 1;
    static final int OP_BINARY = 2;
    static final int OP_CLOSE = 8;
    static final int OP_PING = 9;
    static final int OP_PONG = 10;
    /** Bytes of each message kept to tell its kind: {@code {"type":"update"} fits. */
    static final int PREFIX = 32;

    private WsProtocol() {
    }

    enum Kind { HELLO, UPDATE, OTHER }

    /** What a parser reports; called on the thread that feeds it. */
    interface Handler {
        void message(Kind kind);

        void ping(byte[] payload);

        void close(int code);
    }

    static String upgradeRequest(String hostHeader, String pathAndQuery) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Index just past the blank line ending the HTTP response head in {@code b[0..len)}, or -1. */
    static int headEnd(byte[] b, int len) {
        for (int i = 3; i < len; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Whether the response head switches protocols (status 101). */
    static boolean switched(byte[] head, int len) {
        String status = new String(head, 0, Math.min(len, 16), StandardCharsets.ISO_8859_1);
        return status.startsWith("HTTP/1.1 101");
    }

    /** A masked client frame (FIN set), payload up to 65,535 bytes. */
    static ByteBuffer clientFrame(int opcode, byte[] payload) {
        int len = payload.length;
        ByteBuffer out = ByteBuffer.allocate(2 + (len > 125 ? 2 : 0) + 4 + len);
        out.put((byte) (0x80 | opcode));
        if (len > 125) {
            out.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            out.put((byte) (0x80 | len));
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.put(mask);
        for (int i = 0; i < len; i++) {
            out.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return out.flip();
    }

    static Kind kind(byte[] prefix, int len) {
        String head = new String(prefix, 0, len, StandardCharsets.UTF_8);
        if (head.contains("\"type\":\"update\"")) {
            return Kind.UPDATE;
        }
        return head.contains("\"type\":\"hello\"") ? Kind.HELLO : Kind.OTHER;
    }

    /** Incremental parser of the frames a server sends (unmasked); one per socket, fed whatever arrives. */
    static final class Parser {

        private final byte[] header = new byte[10];
        private int headerHave;
        private int headerNeed = 2;
        private boolean inPayload;
        private boolean fin;
        private int opcode;
        private long payloadLeft;
        private final byte[] prefix = new byte[PREFIX];
        private int prefixHave;
        private byte[] control;
        private int controlHave;

        /** Consumes everything remaining in {@code in}. */
        void feed(ByteBuffer in, Handler handler) {
            while (in.hasRemaining()) {
                if (!inPayload) {
                    header[headerHave++] = in.get();
                    if (headerHave == 2) {
                        if ((header[1] & 0x80) != 0) {
                            throw new IllegalStateException("masked frame from the server");
                        }
                        int len7 = header[1] & 0x7f;
                        headerNeed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
                    }
                    if (headerHave >= 2 && headerHave == headerNeed) {
                        startPayload(handler);
                    }
                } else {
                    int n = (int) Math.min(payloadLeft, in.remaining());
                    if (opcode >= OP_CLOSE) {
                        in.get(control, controlHave, n);
                        controlHave += n;
                    } else {
                        int keep = Math.min(n, PREFIX - prefixHave);
                        in.get(prefix, prefixHave, keep);
                        prefixHave += keep;
                        in.position(in.position() + n - keep);
                    }
                    payloadLeft -= n;
                    if (payloadLeft == 0) {
                        endFrame(handler);
                    }
                }
            }
        }

        private void startPayload(Handler handler) {
            fin = (header[0] & 0x80) != 0;
            int op = header[0] & 0x0f;
            int len7 = header[1] & 0x7f;
            long len = len7;
            if (len7 == 126) {
                len = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            } else if (len7 == 127) {
                len = 0;
                for (int i = 2; i < 10; i++) {
                    len = (len << 8) | (header[i] & 0xff);
                }
            }
            if (op >= OP_CLOSE) {
                if (len > 125) {
                    throw new IllegalStateException("control frame of " + len + " bytes");
                }
                control = new byte[(int) len];
                controlHave = 0;
            } else if (op != OP_CONTINUATION) {
                prefixHave = 0;
            }
            opcode = op;
            payloadLeft = len;
            headerHave = 0;
            headerNeed = 2;
            inPayload = true;
            if (len == 0) {
                endFrame(handler);
            }
        }

        private void endFrame(Handler handler) {
            inPayload = false;
            switch (opcode) {
                case OP_PING -> handler.ping(control);
                case OP_CLOSE -> handler.close(control.length >= 2 ? ((control[0] & 0xff) << 8) | (control[1] & 0xff) : 1005);
                case OP_PONG -> {
                    // nothing to do
                }
                default -> {
                    if (fin) {
                        handler.message(kind(prefix, prefixHave));
                    }
                }
            }
            if (opcode >= OP_CLOSE) {
                control = null;
            }
        }
    }
}
