package io.taskstream.api.task;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In the k8s environment tokens are verified with the identity provider's published keys (JWKS), issuer and audience. */
@MicronautTest(environments = "k8s", transactional = false)
class JwksAuthenticationTest extends RealInfrastructureTest {

    private final RSAKey signingKey = newKey("idp-key-1");
    private final RSAKey foreignKey = newKey("idp-key-1");
    private final HttpServer identityProvider = serveJwks(signingKey);

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("JWT_JWKS_URL", "http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks",
                "JWT_ISSUER", "test-idp", "JWT_AUDIENCE", "taskstream");
    }

    @AfterAll
    void stopIdentityProvider() {
        identityProvider.stop(0);
    }

    @Test
    void acceptsTokensSignedByTheProviderAndRejectsOthers() throws Exception {
        assertThat(status(rs256(signingKey, "harry", "test-idp", "taskstream"))).isEqualTo(200);
        assertThat(status(rs256(foreignKey, "harry", "test-idp", "taskstream"))).as("forged").isEqualTo(401);
    }

    /** The provider's own key, but issued for another client (or by another issuer): not a Taskstream token. */
    @Test
    void refusesProviderTokensForAnotherAudienceOrFromAnotherIssuer() throws Exception {
        assertThat(status(rs256(signingKey, "harry", "test-idp", "payroll-app"))).as("other audience").isEqualTo(401);
        assertThat(status(rs256(signingKey, "harry", "test-idp", null))).as("no audience").isEqualTo(401);
        assertThat(status(rs256(signingKey, "harry", "other-idp", "taskstream"))).as("other issuer").isEqualTo(401);
    }

    private int status(String token) {
        return new TaskApiClient(server.getURL().toString(), token).send("GET", "/tasks", "", Map.of()).statusCode();
    }

    private static String rs256(RSAKey key, String subject, String issuer, String audience) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveJwks(RSAKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
