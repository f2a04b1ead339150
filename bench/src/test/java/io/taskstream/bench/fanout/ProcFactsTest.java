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
        String serialJava25 = """
                DefNew     total 116160K, used 31005K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
                 eden space 103296K,  30% used [0x0000000687400000, 0x0000000689247528, 0x000000068d8e0000)
                Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
                """;
        assertThat(ProcFacts.heapUsedKiB(serialJava25)).isEqualTo(32171);
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
