package io.taskstream.audit.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * An export produced on demand: the header, then one chunk of rendered rows per database read. The
 * server pulls from it on its blocking I/O pool as the client accepts bytes, so at most one chunk is
 * held in memory.
 */
final class ExportStream extends InputStream {

    private final LongFunction<List<AuditRow>> fetchAfter;
    private final Function<AuditRow, byte[]> render;
    private final int chunkSize;
    private byte[] buffer;
    private int position;
    private long lastId;
    private boolean exhausted;

    ExportStream(byte[] header, LongFunction<List<AuditRow>> fetchAfter, Function<AuditRow, byte[]> render,
                 int chunkSize) {
        this.buffer = header;
        this.fetchAfter = fetchAfter;
        this.render = render;
        this.chunkSize = chunkSize;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return buffer.length - position;
    }

    @Override
    public void close() {
        exhausted = true;
        buffer = new byte[0];
        position = 0;
    }

    /** @return whether unread bytes are buffered, fetching the next chunk when needed */
    private boolean fill() throws IOException {
        while (position >= buffer.length) {
            if (exhausted) {
                return false;
            }
            List<AuditRow> rows;
            try {
                rows = fetchAfter.apply(lastId);
            } catch (RuntimeException e) {
                exhausted = true;
                throw new IOException("audit export failed after entry id " + lastId, e);
            }
            buffer = rendered(rows);
            position = 0;
        }
        return true;
    }

    /**
     * Reads the first chunk now, on the request's thread: a database that is down then fails the request
     * with its error answer (503), before a 200 and the header have gone out. Once streaming, a failure
     * can only cut the download short.
     */
    ExportStream fetchFirst() {
        byte[] header = buffer;
        byte[] first = rendered(fetchAfter.apply(lastId));
        buffer = new byte[header.length + first.length];
        System.arraycopy(header, 0, buffer, 0, header.length);
        System.arraycopy(first, 0, buffer, header.length, first.length);
        position = 0;
        return this;
    }

    private byte[] rendered(List<AuditRow> rows) {
        exhausted = rows.size() < chunkSize;
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(Math.max(rows.size(), 1) * 1024);
        for (AuditRow row : rows) {
            chunk.writeBytes(render.apply(row));
            lastId = row.id();
        }
        return chunk.toByteArray();
    }
}
