package io.taskstream.localstack.dlq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parsed command line of {@code ./taskstream dlq}: an action, its positional arguments and
 * {@code --name value} options.
 */
record DlqCommand(String action, List<String> arguments, Map<String, String> options) {

    static final String USAGE = """
            usage: ./taskstream dlq [--service audit-service] [--url URL] [--token JWT] <action> ...
              overview                              pending/redriven/discarded counts per source topic
              list <source> [--status pending|redriven|discarded|all] [--limit N]
              show <source> <id>                    one dead letter with its value and headers
              redrive <source> <id> [--reason TEXT] [--value-file FILE]
                                                    send it back to its topic (FILE: a corrected event)
              discard <source> <id> --reason TEXT   mark it as dealt with, without re-driving
            <source> is the topic the record came from (e.g. task-events); <id> is <partition>-<offset>.
            Defaults: the local stack's URL for the service, and an admin token minted with its secret
            (set TASKSTREAM_TOKEN or --token for a remote service).""";

    private static final Map<String, Integer> ARITY = Map.of("overview", 0, "list", 1, "show", 2, "redrive", 2,
            "discard", 2);

    static DlqCommand parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            throw new IllegalArgumentException("say what to do: overview, list, show, redrive or discard");
        }
        String action = positional.get(0);
        Integer arity = ARITY.get(action);
        if (arity == null) {
            throw new IllegalArgumentException("unknown action '" + action + "'");
        }
        List<String> rest = positional.subList(1, positional.size());
        if (rest.size() != arity) {
            throw new IllegalArgumentException(action + " takes " + arity + " argument(s), got " + rest);
        }
        if (action.equals("discard") && !options.containsKey("reason")) {
            throw new IllegalArgumentException("discard needs --reason");
        }
        return new DlqCommand(action, List.copyOf(rest), Map.copyOf(options));
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }
}
