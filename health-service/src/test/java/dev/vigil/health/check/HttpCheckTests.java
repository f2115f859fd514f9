package dev.vigil.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** HTTP checks against real loopback servers: statuses, bodies, redirects, limits. */
@QuarkusTest
class HttpCheckTests {

    private static ScriptedHttpServer server;

    @Inject
    HttpChecker checker;

    @BeforeAll
    static void startServer() {
        server = ScriptedHttpServer.start()
                .on("/ok", r -> r.response().end("{\"status\":\"ok\",\"n\":3}"))
                .on("/down", r -> r.response().setStatusCode(503).end("down"))
                .on("/slow", r -> server.vertx().setTimer(1500,
                        id -> r.response().end("late")))
                .on("/gbk", r -> r.response().setStatusCode(503)
                        .putHeader("Content-Type", "text/plain")
                        .end(Buffer.buffer(TextTest.GBK_WITH_NUL)))
                .on("/endless", r -> streamForever(r.response().setChunked(true)))
                .on("/loop", r -> r.response().setStatusCode(307)
                        .putHeader("Location", "/loop").end())
                .on("/hop", r -> r.response().setStatusCode(302)
                        .putHeader("Location", "/ok").end())
                .on("/to-metadata", r -> r.response().setStatusCode(302)
                        .putHeader("Location", "http://169.254.169.254/latest/meta-data/")
                        .end("secret bytes"))
                .on("/to-file", r -> r.response().setStatusCode(302)
                        .putHeader("Location", "file:///etc/passwd").end());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldSucceedWithResponseTimeWhenServerAnswers200() {
        CheckOutcome outcome = check(settings("/ok"), 5000);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.responseTimeMs()).isNotNull().isLessThan(5000);
        assertThat(outcome.metadata()).containsEntry("httpStatus", 200);
    }

    @Test
    void shouldFailWithStatusAndSnippetWhenServerAnswers503() {
        CheckOutcome outcome = check(settings("/down"), 5000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error()).isEqualTo("unexpected status 503");
        assertThat(outcome.metadata()).containsEntry("snippet", "down");
    }

    @Test
    void shouldTimeOutWhenServerIsSlowerThanTimeout() {
        CheckOutcome outcome = check(settings("/slow"), 500);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(outcome.responseTimeMs()).isNull();
    }

    @Test
    void shouldFailWithConnectWhenPortIsClosed() {
        CheckOutcome outcome = check(new HttpSettings("http://127.0.0.1:9/", null, null, null,
                null, null, null, null, null, null, null, null), 3000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.CONNECT);
    }

    @Test
    void shouldCheckBodyTextAndJsonPointer() {
        HttpSettings contains = new HttpSettings(server.url("/ok"), null, null, null, null,
                "\"ok\"", "/status", "ok", null, null, null, null);
        HttpSettings wrongValue = new HttpSettings(server.url("/ok"), null, null, null, null,
                null, "/n", "4", null, null, null, null);
        HttpSettings missingText = new HttpSettings(server.url("/ok"), null, null, null, null,
                "healthy", null, null, null, null, null, null);

        assertThat(check(contains, 5000).failed()).isFalse();
        assertThat(check(wrongValue, 5000).category()).isEqualTo(ErrorCategory.BODY);
        assertThat(check(missingText, 5000).category()).isEqualTo(ErrorCategory.BODY);
    }

    @Test
    void shouldAcceptConfiguredStatuses() {
        HttpSettings expect503 = new HttpSettings(server.url("/down"), null, null, null,
                List.of(503), null, null, null, null, null, null, null);

        assertThat(check(expect503, 5000).failed()).isFalse();
    }

    /** BR-07 (b): GBK bytes with a NUL stored as valid UTF-8 without NUL. */
    @Test
    void shouldKeepSnippetValidUtf8WithoutNulWhenBodyIsGbk() {
        CheckOutcome outcome = check(settings("/gbk"), 5000);

        String snippet = (String) outcome.metadata().get("snippet");
        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(snippet).doesNotContain("\u0000").contains("\uFFFD").hasSizeLessThan(1025);
        assertThat(new String(snippet.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(snippet);
    }

    /** BR-07 (a): an endless body is read up to the cap and the status-only check passes. */
    @Test
    void shouldReadAtMostTheCapWhenBodyIsEndless() {
        HttpSettings capped = new HttpSettings(server.url("/endless"), null, null, null, null,
                null, null, null, null, null, null, 64 * 1024);

        CheckOutcome outcome = check(capped, 5000);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.metadata()).containsEntry("bodyTruncated", true)
                .containsEntry("bodyBytesRead", 64 * 1024);
    }

    @Test
    void shouldFollowRedirectAndReportHops() {
        CheckOutcome outcome = check(settings("/hop"), 5000);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.metadata()).containsEntry("redirects", 1)
                .containsEntry("finalUrl", server.url("/ok"));
    }

    @Test
    void shouldFailWithStatusWhenRedirectsAreNotFollowed() {
        HttpSettings noFollow = new HttpSettings(server.url("/hop"), null, null, null,
                List.of(200), null, null, null, false, null, null, null);

        CheckOutcome outcome = check(noFollow, 5000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error()).isEqualTo("unexpected status 302");
    }

    /** BR-01 (d): a redirect loop ends after the hop limit, well within the timeout. */
    @Test
    void shouldStopAfterTenHopsWhenRedirectLoops() {
        CheckOutcome outcome = check(settings("/loop"), 5000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.STATUS);
        assertThat(outcome.error()).contains("too many redirects");
        assertThat(outcome.metadata()).containsEntry("redirects", 10);
    }

    /** BR-06 (d), (g): a redirect to the metadata address is BLOCKED without its bytes. */
    @Test
    void shouldBlockRedirectToDisallowedDestination() {
        CheckOutcome outcome = check(settings("/to-metadata"), 5000);

        assertThat(outcome.category()).isEqualTo(ErrorCategory.BLOCKED);
        assertThat(outcome.error()).startsWith("redirect to disallowed destination")
                .doesNotContain("secret");
        assertThat(outcome.metadata()).doesNotContainKey("snippet");
    }

    @Test
    void shouldBlockRedirectToFileUrl() {
        assertThat(check(settings("/to-file"), 5000).category())
                .isEqualTo(ErrorCategory.BLOCKED);
    }

    /** BR-06 (e), (f): the address is judged after resolution; 127.0.0.1 is allow-listed. */
    @Test
    void shouldJudgeTheResolvedAddressOfHostNames() {
        String port = ":" + server.port();
        HttpSettings allowed = settingsFor("http://public.example.test" + port + "/ok");
        HttpSettings rebound = settingsFor("http://other-loopback.example.test" + port + "/ok");

        CheckOutcome outcome = check(allowed, 5000);
        assertThat(outcome.failed()).as(String.valueOf(outcome.error())).isFalse();
        assertThat(check(rebound, 5000).category()).isEqualTo(ErrorCategory.BLOCKED);
    }

    private CheckOutcome check(HttpSettings settings, int timeoutMs) {
        try {
            return checker.check(settings, timeoutMs).toCompletionStage().toCompletableFuture()
                    .get(timeoutMs + 5000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("check did not complete", e);
        }
    }

    private static HttpSettings settings(String path) {
        return settingsFor(server.url(path));
    }

    private static HttpSettings settingsFor(String url) {
        return new HttpSettings(url, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    private static void streamForever(HttpServerResponse response) {
        if (response.closed() || response.ended()) {
            return;
        }
        Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
        response.write(chunk).onComplete(done -> {
            if (done.succeeded()) {
                streamForever(response);
            }
        });
    }
}
