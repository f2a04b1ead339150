package io.taskstream.localstack;

import io.taskstream.localstack.infra.Ports;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aTakenPortFailsWithAMessageNamingThePortTheUserAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "api-service", "API_SERVICE_PORT"))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("api-service")
                    .hasMessageContaining("API_SERVICE_PORT=<port>");
        }
    }

    @Test
    void aFreePortPasses() {
        int port = Ports.free();

        assertThat(Ports.isFree(port)).isTrue();
        Ports.requireFree(port, "anything", "ANY_PORT");
    }

    @Test
    void freePortsComeFromBelowTheEphemeralRangeAndAreNeverHandedOutTwice() {
        java.util.List<Integer> ports = java.util.stream.IntStream.range(0, 50).map(i -> Ports.free()).boxed().toList();

        assertThat(ports).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(10_000, Ports.ephemeralLow() - 1));
    }
}
