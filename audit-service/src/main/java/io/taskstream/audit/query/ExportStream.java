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
            exhausted = rows.size() < chunkSize;
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(Math.max(rows.size(), 1) * 1024);
            for (AuditRow row : rows) {
                chunk.write(render.apply(row));
                lastId = row.id();
            }
            buffer = chunk.toByteArray();
            position = 0;
        }
        return true;
    }
}
