package io.taskstream.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerThreadPoolTest {

    static final class Resource implements AutoCloseable {
        final int index;
        volatile boolean closed;

        Resource(int index) {
            this.index = index;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void eachThreadOpensOneResourceAndCloseClosesThemAll() throws Exception {
        List<Resource> opened = new CopyOnWriteArrayList<>();
        Set<Integer> used = ConcurrentHashMap.newKeySet();
        PerThreadPool<Resource> pool = new PerThreadPool<>("test", 2, index -> {
            Resource r = new Resource(index);
            opened.add(r);
            return r;
        });
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 50)
                .mapToObj(i -> pool.submit(r -> {
                    used.add(r.index);
                    return i;
                })).toList();
        assertThat(calls.stream().map(CompletableFuture::join).toList()).hasSize(50);
        pool.close();

        assertThat(opened).hasSizeBetween(1, 2).allMatch(r -> r.closed);
        assertThat(used).isSubsetOf(0, 1);
    }

    @Test
    void aFailedCallFailsItsFuture() throws Exception {
        try (PerThreadPool<Resource> pool = new PerThreadPool<>("test", 1, Resource::new)) {
            CompletableFuture<Object> call = pool.submit(r -> {
                throw new java.io.IOException("refused");
            });
            assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("refused");
        }
    }
}
