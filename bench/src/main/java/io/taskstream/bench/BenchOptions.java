package io.taskstream.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command line: {@code [--quick] [--only api,relay,...] [--out DIR] [--keep-data]}.
 *
 * @param only scenario ids to run; empty = all
 * @param out  results root (a dated folder is made inside); null = bench/results of the checkout
 */
public record BenchOptions(boolean quick, Set<String> only, Path out, boolean keepData, boolean help) {

    public static final List<String> SCENARIOS = List.of("micro", "startup", "api", "relay", "audit", "e2e", "fanout");
    public static final String USAGE = """
            usage: ./taskstream bench [--quick] [--only %s] [--out DIR] [--keep-data]
              --quick      smoke run: each phase a few seconds, end-to-end 10 s, fan-out up to 2,000 sockets
                           (default: full run, end-to-end 60 s, fan-out up to 20,000 sockets)
              --only       comma-separated scenarios to run (default: all, in the order above)
              --out        results root; a <yyyy-MM-dd-HHmm> folder is created in it (default: bench/results)
              --keep-data  keep the temporary PostgreSQL/Kafka data and service logs (kept anyway after a failure)
            """.formatted(String.join(",", SCENARIOS));

    public static BenchOptions parse(String... args) {
        boolean quick = false;
        boolean keep = false;
        boolean help = false;
        Set<String> only = new LinkedHashSet<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep-data" -> keep = true;
                case "-h", "--help" -> help = true;
                case "--only" -> {
                    for (String id : value(args, ++i, "--only").split(",")) {
                        String s = id.trim();
                        if (!SCENARIOS.contains(s)) {
                            throw new IllegalArgumentException("unknown scenario '" + s + "'; known: " + SCENARIOS);
                        }
                        only.add(s);
                    }
                }
                case "--out" -> out = Path.of(value(args, ++i, "--out")).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new BenchOptions(quick, Set.copyOf(only), out, keep, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public boolean selected(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }
}
