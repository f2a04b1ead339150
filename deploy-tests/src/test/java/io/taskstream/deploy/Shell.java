package io.taskstream.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs commands in a folder and returns what they printed (stdout and stderr together). */
record Shell(Path dir) {

    String ok(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        assertThat(r.exit()).as("%s exited %d:%n%s", String.join(" ", command), r.exit(), r.output()).isZero();
        return r.output();
    }

    String fails(String... command) throws IOException, InterruptedException {
        Result r = run(command);
        assertThat(r.exit()).as("%s should fail:%n%s", String.join(" ", command), r.output()).isNotZero();
        return r.output();
    }

    private Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
