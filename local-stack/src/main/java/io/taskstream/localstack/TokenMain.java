package io.taskstream.localstack;

import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStackConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** {@code ./taskstream token <user> [role ...]}: a JWT the local stack's services accept. */
public final class TokenMain {

    private TokenMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ./taskstream token <user> [role ...]   (roles default to: user)");
            System.exit(2);
        }
        LocalStackConfig config = LocalStackConfig.fromEnvironment(System.getenv(), false);
        Path secretFile = config.dataDir().resolve("jwt-secret");
        if (!Files.exists(secretFile)) {
            System.err.println("no local secret at " + secretFile + "; start the stack once with ./taskstream up");
            System.exit(1);
        }
        List<String> roles = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : List.of("user");
        System.out.println(Hs256Tokens.mint(Files.readString(secretFile).trim(), args[0], roles, Duration.ofDays(1)));
    }
}
