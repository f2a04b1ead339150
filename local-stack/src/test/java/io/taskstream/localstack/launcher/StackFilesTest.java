package io.taskstream.localstack.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackFilesTest {

    @TempDir
    Path temp;

    @Test
    void freshWipesAFolderTheLauncherMade() throws Exception {
        Path data = Files.createDirectories(temp.resolve("stack"));
        Files.writeString(data.resolve("jwt-secret"), "s");
        Files.createDirectories(data.resolve("postgres/base"));
        Files.writeString(data.resolve("postgres/base/1"), "rows");

        StackFiles.prepareDataDir(fresh(data));

        assertThat(data).isEmptyDirectory();
    }

    @Test
    void freshRefusesToWipeAFolderTheLauncherDidNotMake() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> StackFiles.prepareDataDir(fresh(home)))
                .hasMessageContaining("refusing to wipe").hasMessageContaining("TASKSTREAM_DATA_DIR");
        assertThat(home.resolve("thesis.tex")).hasContent("years of work");
    }

    private LocalStackConfig fresh(Path dataDir) {
        return new LocalStackConfig(temp, dataDir, true, Map.of(), 1, 2, 3, 3, null, null, List.of(), List.of(), 4, 5);
    }
}
