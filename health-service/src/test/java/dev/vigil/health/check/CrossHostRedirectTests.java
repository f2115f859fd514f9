package dev.vigil.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.health.check.http.HttpChecker;
import dev.vigil.health.check.http.HttpSettings;
import dev.vigil.health.model.CheckOutcome;
import dev.vigil.health.model.ErrorCategory;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * BR-01 on loopback: alpha.example.test and beta.example.test map to 127.0.0.1 through the
 * test hosts file, each with its own self-signed certificate (src/test/resources/tls).
 */
@QuarkusTest
class CrossHostRedirectTests {

    private static final String TLS = System.getProperty("user.dir") + "/src/test/resources/tls/";

    private static ScriptedHttpServer alpha;
    private static ScriptedHttpServer beta;
    private static ScriptedHttpServer betaExpired;
    private static final List<String> betaSni = new CopyOnWriteArrayList<>();
    private static final List<String> betaHost = new CopyOnWriteArrayList<>();

    @Inject
    HttpChecker checker;

    @BeforeAll
    static void startServers() {
        beta = ScriptedHttpServer.start(tls("beta")).on("/status", request -> {
            betaSni.add(String.valueOf(request.connection().indicatedServerName()));
            betaHost.add(request.host());
            request.response().end("{\"status\":\"ok\"}");
        });
        betaExpired = ScriptedHttpServer.start(tls("beta-expired"))
                .on("/status", request -> request.response().end("{\"status\":\"ok\"}"));
        alpha = ScriptedHttpServer.start(tls("alpha"))
                .on("/status", request -> request.response().setStatusCode(307)
                        .putHeader("Location", "https://beta.example.test:" + beta.port()
                                + "/status").end())
                .on("/to-expired", request -> request.response().setStatusCode(307)
                        .putHeader("Location", "https://beta.example.test:"
                                + betaExpired.port() + "/status").end());
    }

    @AfterAll
    static void stopServers() {
        alpha.close();
        beta.close();
        betaExpired.close();
    }

    /** (a) The second hop carries beta's Host and SNI and is verified against beta's name. */
    @Test
    void shouldVerifyEachHopAgainstItsOwnHost() {
        CheckOutcome outcome = check(settings("/status", true, null, true));

        assertThat(outcome.failed()).as(String.valueOf(outcome.error())).isFalse();
        assertThat(outcome.metadata())
                .containsEntry("redirects", 1)
                .containsEntry("finalUrl", "https://beta.example.test:" + beta.port() + "/status")
                .containsEntry("certHost", "beta.example.test");
        assertThat(betaSni).last().isEqualTo("beta.example.test");
        assertThat(betaHost).last().isEqualTo("beta.example.test:" + beta.port());
    }

    /** (b) Without following, the 307 is a STATUS failure, not a TLS one. */
    @Test
    void shouldFailWithStatusWhenNotFollowing() {
        CheckOutcome outcome = check(settings("/status", false, List.of(200), true));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error()).isEqualTo("unexpected status 307");
    }

    /** (c) beta's expired certificate fails the check as TLS. */
    @Test
    void shouldFailWithTlsWhenRedirectTargetCertificateExpired() {
        CheckOutcome outcome = check(settings("/to-expired", true, null, true));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.TLS);
    }

    /** (c) Without verification the expiry is still caught, and named after beta. */
    @Test
    void shouldNameTheHostWhoseCertificateExpired() {
        CheckOutcome outcome = check(settings("/to-expired", true, null, false));

        assertThat(outcome.category()).isEqualTo(ErrorCategory.TLS);
        assertThat(outcome.error()).isEqualTo("certificate of beta.example.test expired");
        assertThat(outcome.metadata()).containsEntry("certHost", "beta.example.test");
        assertThat((Long) outcome.metadata().get("certDaysLeft")).isNegative();
    }

    private CheckOutcome check(HttpSettings settings) {
        try {
            return checker.check(settings, 5000).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("check did not complete", e);
        }
    }

    private static HttpSettings settings(String path, boolean follow, List<Integer> statuses,
            boolean verify) {
        return new HttpSettings("https://alpha.example.test:" + alpha.port() + path, null, null,
                null, statuses, null, null, null, follow, verify, null, null);
    }

    private static HttpServerOptions tls(String name) {
        return new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(TLS + name + ".p12")
                        .setPassword("changeit"));
    }
}
