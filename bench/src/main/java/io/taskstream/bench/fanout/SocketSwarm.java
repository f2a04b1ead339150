package io.taskstream.bench.fanout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Many WebSocket clients on one NIO selector thread: a few hundred bytes of heap per socket, payloads
 * counted and skipped. A socket is <em>ready</em> once its first message arrived (websocket-service's
 * {@code hello}, the peer's greeting); {@code update} messages are counted, and the instant the last one
 * was read is kept. Pings are answered with pongs (websocket-service closes silent sockets).
 */
final class SocketSwarm implements AutoCloseable {

    private static final int HANDSHAKES_IN_FLIGHT = 200;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final List<SwarmSocket> conns = new ArrayList<>();
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();
    private volatile boolean running = true;

    // written by the selector thread only
    private volatile long updates;
    private volatile long lastUpdateNanos;
    private volatile int ready;
    private volatile int failed;
    private volatile int closedByServer;
    private volatile String firstProblem;
    private int pending;
    private Batch batch;
    private final SwarmSocket.Events events = new SwarmSocket.Events() {
        @Override
        public void ready() {
            ready++;
            pending = Math.max(0, pending - 1);
        }

        @Override
        public void lost(SwarmSocket socket, Integer code, String why) {
            if (code != null) {
                synchronized (SocketSwarm.this) {
                    closeCodes.merge(code, 1, Integer::sum);
                }
            }
            SocketSwarm.this.lost(socket, why);
        }
    };

    SocketSwarm(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The outcome of one {@link #connect}: sockets ready, failed, and the first error seen. */
    record Connected(int ready, int failed, String firstProblem, double seconds) {
    }

    /**
     * Opens {@code count} more sockets to {@code address} (at most 200 handshakes at a time) and returns once
     * each is ready or failed, or after {@code timeout}.
     */
    Connected connect(InetSocketAddress address, String hostHeader, String pathAndQuery, int count, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        int readyBefore = ready;
        int failedBefore = failed;
        byte[] request = WsProtocol.upgradeRequest(hostHeader, pathAndQuery).getBytes(StandardCharsets.ISO_8859_1);
        tasks.add(() -> {
            batch = new Batch(address, request, count);
            started = 0;
            fill();
        });
        selector.wakeup();
        long deadline = start + timeout.toNanos();
        while (ready - readyBefore + failed - failedBefore < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        tasks.add(() -> {
            batch = null;
            started = 0;
        });
        selector.wakeup();
        return new Connected(ready - readyBefore, failed - failedBefore, firstProblem, (System.nanoTime() - start) / 1e9);
    }

    /** Update messages received so far. */
    long updates() {
        return updates;
    }

    /** System.nanoTime() when the latest update message was read. */
    long lastUpdateNanos() {
        return lastUpdateNanos;
    }

    /** Waits until {@code target} updates arrived in total, or the timeout; returns the count then. */
    long awaitUpdates(long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (updates < target && System.nanoTime() < deadline && running) {
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return updates;
    }

    int ready() {
        return ready;
    }

    int closedByServer() {
        return closedByServer;
    }

    synchronized String closeCodes() {
        return closeCodes.toString();
    }

    String firstProblem() {
        return firstProblem;
    }

    /** CPU time of the selector thread so far. */
    long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }

    /** Resets every socket (SO_LINGER 0: no TIME_WAIT left behind) and waits until that is done. */
    void closeAll() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        tasks.add(() -> {
            for (SwarmSocket c : conns) {
                c.abort();
            }
            conns.clear();
            pending = 0;
            done.countDown();
        });
        selector.wakeup();
        done.await(60, TimeUnit.SECONDS);
        ready = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            closeAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }

    private record Batch(InetSocketAddress address, byte[] request, int count) {
    }

    private int started;

    private void fill() {
        if (batch == null) {
            return;
        }
        while (pending < HANDSHAKES_IN_FLIGHT && started < batch.count()) {
            started++;
            pending++;
            SwarmSocket c = new SwarmSocket(batch.request(), events);
            try {
                c.channel = SocketChannel.open();
                c.channel.configureBlocking(false);
                c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                conns.add(c);
                if (c.channel.connect(batch.address())) {
                    c.key = c.channel.register(selector, SelectionKey.OP_WRITE, c);
                } else {
                    c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
                }
            } catch (IOException | RuntimeException e) {
                fail(c, "connect: " + e);
            }
        }
        if (started >= batch.count()) {
            started = 0;
            batch = null;
        }
    }

    private void loop() {
        while (running) {
            try {
                selector.select(100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    SwarmSocket c = (SwarmSocket) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isConnectable()) {
                            c.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            c.flush();
                        } else if (key.isReadable()) {
                            read(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        fail(c, e.toString());
                    }
                }
                keys.clear();
                fill();
            } catch (IOException | RuntimeException e) {
                if (firstProblem == null) {
                    firstProblem = "selector: " + e;
                }
            }
        }
    }

    private void read(SwarmSocket c) throws IOException {
        readBuffer.clear();
        if (c.channel.read(readBuffer) < 0) {
            lost(c, "closed without a close frame");
            return;
        }
        readBuffer.flip();
        int completed = c.receive(readBuffer);
        if (completed > 0) {
            updates += completed;
            lastUpdateNanos = System.nanoTime();
        }
    }

    private void fail(SwarmSocket c, String why) {
        boolean wasReady = c.isReady();
        c.abort();
        conns.remove(c);
        if (!wasReady) {
            pending = Math.max(0, pending - 1);
            failed++;
        } else {
            ready--;
        }
        if (firstProblem == null) {
            firstProblem = why;
        }
    }

    private void lost(SwarmSocket c, String why) {
        if (c.isReady()) {
            closedByServer++;
        }
        fail(c, why);
    }
}
