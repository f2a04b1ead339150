package io.taskstream.localstack.dlq;

import io.micronaut.serde.ObjectMapper;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./taskstream dlq ...}: the command line over a consuming service's {@code /admin/dlq} API. */
public final class DlqMain {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public DlqMain(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DlqMain(System.getenv(), System.out, System.err).run(args));
    }

    /** @return the process exit code: 0 done, 1 the service refused, 2 a usage error */
    public int run(String[] args) {
        if (args.length == 1 && List.of("help", "-h", "--help").contains(args[0])) {
            out.println(DlqCommand.USAGE);
            return 0;
        }
        DlqCommand command;
        try {
            command = DlqCommand.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(DlqCommand.USAGE);
            return 2;
        }
        try {
            HttpResponse<String> response = send(command);
            if (response.statusCode() >= 300) {
                err.println(response.statusCode() + ": " + DlqOutput.problem(response.body()));
                return 1;
            }
            out.println(DlqOutput.render(command.action(), response.body()));
            return 0;
        } catch (IOException e) {
            err.println("cannot reach " + baseUrl(command) + ": " + e + " (is the service running?)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private HttpResponse<String> send(DlqCommand command) throws IOException, InterruptedException {
        List<String> a = command.arguments();
        String path = switch (command.action()) {
            case "overview" -> "";
            case "list" -> "/" + enc(a.get(0)) + "?status=" + enc(command.option("status", "pending"))
                    + "&limit=" + enc(command.option("limit", "100"));
            case "show" -> "/" + enc(a.get(0)) + "/" + enc(a.get(1));
            default -> "/" + enc(a.get(0)) + "/" + enc(a.get(1)) + "/" + command.action();
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(command) + "/admin/dlq" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token(command));
        if (command.action().equals("redrive") || command.action().equals("discard")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(command)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String body(DlqCommand command) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (command.options().containsKey("reason")) {
            body.put("reason", command.options().get("reason"));
        }
        if (command.options().containsKey("value-file")) {
            body.put("value", ObjectMapper.getDefault().readValue(Files.readAllBytes(Path.of(command.options().get("value-file"))),
                    Object.class));
        }
        return ObjectMapper.getDefault().writeValueAsString(body);
    }

    private String baseUrl(DlqCommand command) {
        if (command.options().containsKey("url")) {
            return command.options().get("url").replaceAll("/+$", "");
        }
        String service = command.option("service", "audit-service");
        ServiceSpec spec = ServiceSpec.ALL.stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + service));
        return "http://localhost:" + LocalStackConfig.fromEnvironment(env, false).portOf(spec);
    }

    private String token(DlqCommand command) throws IOException {
        String given = command.options().getOrDefault("token", env.get("TASKSTREAM_TOKEN"));
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path secret = LocalStackConfig.fromEnvironment(env, false).dataDir().resolve("jwt-secret");
        if (!Files.exists(secret)) {
            throw new IOException("no token: set TASKSTREAM_TOKEN or --token, or start the local stack (" + secret + ")");
        }
        return Hs256Tokens.mint(Files.readString(secret).trim(), "dlq-cli", List.of("admin"), Duration.ofMinutes(5));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
