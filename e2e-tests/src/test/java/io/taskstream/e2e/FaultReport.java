package io.taskstream.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the fault suite did and found: each fault with its time window and what the API answered
 * meanwhile, then each reconciled count with its expected value. Written as Markdown to
 * {@code target/fault-suite/report.md} and logged.
 */
final class FaultReport {

    private static final Logger LOG = LoggerFactory.getLogger(FaultReport.class);

    /** A fault injected from {@code startMillis} until it was undone at {@code endMillis}. */
    record Fault(String name, long startMillis, long endMillis, String note) {
    }

    private record Check(String what, long expected, long actual) {
    }

    interface Action {
        String run() throws Exception;
    }

    private final FaultLoad load;
    private final long began = System.currentTimeMillis();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    FaultReport(FaultLoad load) {
        this.load = load;
    }

    /** Runs one fault (inject, wait, undo) and records its window; {@code action} returns a note. */
    Fault inject(String name, Action action) throws Exception {
        long start = System.currentTimeMillis();
        LOG.info("fault: {} ...", name);
        String note = action.run();
        Fault fault = new Fault(name, start, System.currentTimeMillis(), note);
        faults.add(fault);
        LOG.info("fault: {} done in {} ms; {}", name, fault.endMillis() - start, note);
        return fault;
    }

    /** Records a reconciled count next to what it must be (the assertions are the test's). */
    void check(String what, long expected, long actual) {
        checks.add(new Check(what, expected, actual));
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Fault suite report\n\n| fault | at (s) | lasted (s) | creates accepted meanwhile "
                + "| 503 problem+json | other failures | note |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (Fault f : faults) {
            long accepted = load.created().stream().filter(a -> within(a.acceptedAtMillis(), f)).count();
            long unavailable = load.failures().stream().filter(x -> x.overlaps(f.startMillis(), f.endMillis()) && x.isUnavailableProblem()).count();
            long other = load.failures().stream().filter(x -> x.overlaps(f.startMillis(), f.endMillis()) && !x.isUnavailableProblem()).count();
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %d | %d | %d | %s |%n", f.name(),
                    (f.startMillis() - began) / 1000.0, (f.endMillis() - f.startMillis()) / 1000.0, accepted, unavailable,
                    other, f.note()));
        }
        md.append(String.format(Locale.ROOT, "%nLoad: %d creates accepted, %d recurring completions, %d answers other than "
                + "success (%d of them 503 problem+json).%n%n| reconciled | expected | found | |%n|---|---:|---:|---|%n",
                load.created().size(), load.completed().size(), load.failures().size(),
                load.failures().stream().filter(FaultLoad.Failure::isUnavailableProblem).count()));
        for (Check c : checks) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", c.what(), c.expected(), c.actual(),
                    c.expected() == c.actual() ? "ok" : "**MISMATCH**"));
        }
        return md.toString();
    }

    void write(Path file) {
        String md = markdown();
        LOG.info("\n{}", md);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean within(long millis, Fault f) {
        return millis >= f.startMillis() && millis <= f.endMillis();
    }
}
