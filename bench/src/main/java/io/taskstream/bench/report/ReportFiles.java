package io.taskstream.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Writes results.md, results.json and plots.html into {@code bench/results/<yyyy-MM-dd-HHmm>/}. */
public final class ReportFiles {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm");

    private ReportFiles() {
    }

    /** A new folder under {@code root} named after {@code at} (suffixed -2, -3 … if taken). */
    public static Path newRunFolder(Path root, LocalDateTime at) throws IOException {
        String base = FOLDER.format(at);
        Path dir = root.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        return Files.createDirectories(dir);
    }

    public static void write(RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("plots.html"), HtmlPlots.render(report), StandardCharsets.UTF_8);
    }
}
