package io.taskstream.e2e;

import io.taskstream.localstack.infra.DataDirs;
import io.taskstream.localstack.infra.Ports;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Launcher configurations for end-to-end tests (free ports, a fresh data folder, small JVMs), and the
 * stacks started from them. When the test JVM exits, every stack still up is stopped (so an aborted
 * run leaves no PostgreSQL or service JVM behind) and the data folders are deleted, unless
 * {@code TASKSTREAM_KEEP_TEST_DATA=true} keeps them with the services' logs.
 */
final class TestStacks {

    private static final List<LocalStack> STACKS = new CopyOnWriteArrayList<>();
    private static final List<Path> DATA_DIRS = new CopyOnWriteArrayList<>();
    private static final List<CountDownLatch> STARTS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestStacks::stopAndClean, "e2e-stacks-cleanup"));
    }

    private TestStacks() {
    }

    /** Starts a stack that is stopped at the latest when this JVM exits. */
    static LocalStack start(LocalStackConfig config) throws InterruptedException {
        LocalStack stack = LocalStack.create(config);
        CountDownLatch started = new CountDownLatch(1);
        STACKS.add(stack);
        STARTS.add(started);
        try {
            stack.startAll();
        } finally {
            started.countDown();
        }
        return stack;
    }

    static LocalStackConfig fresh(String name, List<ServiceSpec> services) throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), Ports.free()));
        Path dataDir = Files.createTempDirectory("taskstream-e2e-" + name);
        DATA_DIRS.add(dataDir);
        return new LocalStackConfig(LocalStackConfig.findRepoRoot(Path.of("").toAbsolutePath()),
                dataDir, true, ports, Ports.free(), Ports.free(),
                Ports.free(), 3, null, null, services, List.of("-Xmx256m", "-XX:+UseSerialGC"), Ports.free(), Ports.free());
    }

    private static void stopAndClean() {
        STACKS.forEach(LocalStack::close);
        // A stack still starting stops what finishes starting after the close (PostgreSQL outlives this JVM): wait for it.
        for (CountDownLatch started : STARTS) {
            try {
                started.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if ("true".equals(System.getenv("TASKSTREAM_KEEP_TEST_DATA"))) {
            DATA_DIRS.forEach(dir -> System.out.println("kept end-to-end test data in " + dir));
            return;
        }
        DATA_DIRS.forEach(DataDirs::deleteQuietly);
    }

    static List<ServiceSpec> only(String... names) {
        List<String> wanted = List.of(names);
        return ServiceSpec.ALL.stream().filter(s -> wanted.contains(s.name())).toList();
    }
}
