package io.taskstream.e2e;

import io.taskstream.localstack.infra.Ports;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Launcher configurations for end-to-end tests: free ports, a fresh data folder, small JVMs. */
final class TestStacks {

    private TestStacks() {
    }

    static LocalStackConfig fresh(String name, List<ServiceSpec> services) throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), Ports.free()));
        return new LocalStackConfig(LocalStackConfig.findRepoRoot(Path.of("").toAbsolutePath()),
                Files.createTempDirectory("taskstream-e2e-" + name), true, ports, Ports.free(), Ports.free(),
                Ports.free(), 3, null, null, services, List.of("-Xmx256m", "-XX:+UseSerialGC"), Ports.free(), Ports.free());
    }

    static List<ServiceSpec> only(String... names) {
        List<String> wanted = List.of(names);
        return ServiceSpec.ALL.stream().filter(s -> wanted.contains(s.name())).toList();
    }
}
