package io.taskstream.bench.fanout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcFactsTest {

    @Test
    void heapUsedOfSerialAndG1() {
        String serial = """
                 def new generation   total 116224K, used 1000K [0x00000000e0000000, 0x00000000e7e10000, 0x00000000eaaa0000)
                  eden space 103360K,   0% used [0x00000000e0000000, 0x00000000e0000000, 0x00000000e64f0000)
                 tenured generation   total 258048K, used 2243K [0x00000000eaaa0000, 0x00000000fa6a0000, 0x0000000100000000)
                 Metaspace       used 8971K, committed 9152K, reserved 1114112K
                """;
        assertThat(ProcFacts.heapUsedKiB(serial)).isEqualTo(3243);
        assertThat(ProcFacts.heapUsedKiB(" garbage-first heap   total 262144K, used 12345K [0x0000000700000000, 0x0000000800000000)\n"))
                .isEqualTo(12345);
        assertThatThrownBy(() -> ProcFacts.heapUsedKiB("Metaspace used 1K")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void procFiles() {
        assertThat(io.taskstream.bench.ProcRss.kib("Name:\tjava\nVmHWM:\t  90000 kB\nVmRSS:\t   79208 kB\n")).isEqualTo(79208);
        assertThat(ProcFacts.openFileLimit("Max processes             unlimited            unlimited            processes\n"
                + "Max open files            20000                20000                files     \n")).isEqualTo(20000);
    }
}
