package io.taskstream.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProcCpuTest {

    @Test
    void aNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "1234 (java thing) (x) S 1 7501 3255 0 -1 4194304 13308 0 0 0 89 5 12 3 20 0 15 0 3254724 1 2";
        ProcCpu cpu = ProcCpu.parse(stat);
        assertThat(cpu.pid()).isEqualTo(1234);
        assertThat(cpu.comm()).isEqualTo("java thing) (x");
        assertThat(cpu.ppid()).isEqualTo(1);
        assertThat(cpu.seconds()).isCloseTo(0.94, within(1e-9));
        assertThat(cpu.reapedSeconds()).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void aPostgresBackendLine() {
        ProcCpu cpu = ProcCpu.parse("11294 (postgres) S 11121 11121 11121 0 -1 4194560 2163 0 0 0 1570 243 0 0 20 0 1 0 "
                + "1808 229629952 5030 18446744073709551615 1 1 0 0 0 0 4194304 19935232 1088 0 0 0 17 0 0 0 0 0 0\n");
        assertThat(cpu.comm()).isEqualTo("postgres");
        assertThat(cpu.ppid()).isEqualTo(11121);
        assertThat(cpu.seconds()).isCloseTo(18.13, within(1e-9));
        assertThat(cpu.reapedSeconds()).isZero();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisJvm() throws Exception {
        ProcCpu self = ProcCpu.of(ProcessHandle.current().pid());
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.seconds()).isPositive();
    }

    @Test
    void notAStatLine() {
        assertThatThrownBy(() -> ProcCpu.parse("Name:\tjava")).isInstanceOf(IllegalArgumentException.class);
    }
}
