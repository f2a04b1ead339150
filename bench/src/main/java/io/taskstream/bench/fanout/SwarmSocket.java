package io.taskstream.bench.fanout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client socket of a {@link SocketSwarm}: its channel, the upgrade response head while upgrading, its
 * frame parser. Used only on the swarm's selector thread; tells the swarm through {@link Events}.
 */
final class SwarmSocket implements WsProtocol.Handler {

    /** What the swarm learns from a socket. */
    interface Events {
        /** The socket's first message arrived. */
        void ready();

        /** The socket is gone (a failed write, or a close frame with {@code code}; code is null for a write). */
        void lost(SwarmSocket socket, Integer code, String why);
    }

    private final Events events;
    private final WsProtocol.Parser parser = new WsProtocol.Parser();
    SocketChannel channel;
    SelectionKey key;
    private byte[] head = new byte[512];
    private int headLen;
    private ByteBuffer out;
    private boolean ready;
    private int newUpdates;

    SwarmSocket(byte[] upgradeRequest, Events events) {
        this.out = ByteBuffer.wrap(upgradeRequest);
        this.events = events;
    }

    boolean isReady() {
        return ready;
    }

    /**
     * Takes bytes read from the channel: the upgrade response head first, then frames. Returns how many
     * update messages they completed.
     */
    int receive(ByteBuffer bytes) throws IOException {
        if (head != null) {
            int take = Math.min(head.length - headLen, bytes.remaining());
            bytes.get(head, headLen, take);
            headLen += take;
            int end = WsProtocol.headEnd(head, headLen);
            if (end < 0) {
                if (headLen == head.length) {
                    throw new IOException("response head longer than " + head.length + " bytes");
                }
                return 0;
            }
            if (!WsProtocol.switched(head, headLen)) {
                String status = new String(head, 0, Math.min(headLen, 64), StandardCharsets.ISO_8859_1).split("\r\n")[0];
                throw new IOException("upgrade refused: " + status);
            }
            // bytes after the head (frames already sent) go to the parser
            ByteBuffer rest = ByteBuffer.wrap(head, end, headLen - end);
            head = null;
            parser.feed(rest, this);
        }
        parser.feed(bytes, this);
        int completed = newUpdates;
        newUpdates = 0;
        return completed;
    }

    /** Writes what is pending (the upgrade request, or a pong); reads once it is all written. */
    void flush() throws IOException {
        channel.write(out);
        if (!out.hasRemaining()) {
            out = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    void abort() {
        try {
            if (key != null) {
                key.cancel();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void message(WsProtocol.Kind kind) {
        if (!ready) {
            ready = true;
            events.ready();
        }
        if (kind == WsProtocol.Kind.UPDATE) {
            newUpdates++;
        }
    }

    @Override
    public void ping(byte[] payload) {
        if (out != null) {
            return; // a pong while another write is pending: the next ping gets one
        }
        try {
            out = WsProtocol.clientFrame(WsProtocol.OP_PONG, payload);
            flush();
            if (out != null) {
                key.interestOps(SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            events.lost(this, null, "write: " + e);
        }
    }

    @Override
    public void close(int code) {
        events.lost(this, code, "closed by the server with " + code);
    }
}
