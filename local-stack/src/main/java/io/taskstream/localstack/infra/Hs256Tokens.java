package io.taskstream.localstack.infra;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mints HS256 JWTs the services accept when they are configured with the same secret. For the
 * local stack and tests only; production validates tokens from the identity provider's JWKS.
 */
public final class Hs256Tokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Hs256Tokens() {
    }

    /** A random secret long enough for HS256 (256 bits or more). */
    public static String newSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    public static String mint(String secret, String subject, List<String> roles, Duration validFor) {
        long now = Instant.now().getEpochSecond();
        String rolesJson = roles.stream().map(r -> "\"" + escape(r) + "\"").collect(Collectors.joining(",", "[", "]"));
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + escape(subject) + "\",\"roles\":" + rolesJson + ",\"iat\":" + now
                + ",\"exp\":" + (now + validFor.toSeconds()) + ",\"iss\":\"taskstream-local\"}";
        String signingInput = b64(header) + "." + b64(claims);
        return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String escape(String s) {
        if (!s.matches("[A-Za-z0-9@._:-]+")) {
            throw new IllegalArgumentException("subject/role may use letters, digits and @._:- only: " + s);
        }
        return s;
    }
}
