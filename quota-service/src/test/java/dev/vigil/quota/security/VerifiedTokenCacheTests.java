package dev.vigil.quota.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.vigil.kit.security.VerifiedTokens;
import dev.vigil.quota.support.QuotaApi;
import dev.vigil.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service kit remembers verified bearer tokens (shown on quota-service): a repeated
 * token skips the signature check, yet keeps its roles, ends at its expiry, and a token that
 * differs in any character is verified in full.
 */
@QuarkusTest
class VerifiedTokenCacheTests {

    @Inject
    VerifiedTokens verified;

    @Test
    void shouldAnswerRepeatedTokenFromCacheWithSameRoles() {
        String reporter = Tokens.forSubject(QuotaApi.unique("svc"), "reporter");
        String user = QuotaApi.userWithDailyQuota(100);
        long hitsBefore = verified.stats().hitCount();

        for (int i = 0; i < 3; i++) {
            consume(reporter, user).then().statusCode(200);
        }

        assertThat(verified.contains(reporter)).isTrue();
        assertThat(verified.stats().hitCount() - hitsBefore).isGreaterThanOrEqualTo(2);
        assertThat(QuotaApi.used(user, "DAY")).isEqualTo(3);
    }

    @Test
    void shouldKeepRefusingRolesTheRememberedTokenLacks() {
        String viewer = Tokens.forSubject(QuotaApi.unique("viewer"), "viewer");
        String user = QuotaApi.userWithDailyQuota(100);

        consume(viewer, user).then().statusCode(403);
        consume(viewer, user).then().statusCode(403);

        assertThat(verified.contains(viewer)).isTrue();
        assertThat(QuotaApi.used(user, "DAY")).isZero();
    }

    @Test
    void shouldVerifyTamperedTokenInFullAndRefuseIt() {
        String reporter = Tokens.forSubject(QuotaApi.unique("svc"), "reporter");
        String user = QuotaApi.userWithDailyQuota(100);
        consume(reporter, user).then().statusCode(200);

        String signature = reporter.substring(reporter.lastIndexOf('.') + 1);
        String forged = reporter.substring(0, reporter.lastIndexOf('.') + 1)
                + new StringBuilder(signature).reverse();

        consume(forged, user).then().statusCode(401);
        assertThat(verified.contains(forged)).isFalse();
        assertThat(QuotaApi.used(user, "DAY")).isEqualTo(1);
    }

    @Test
    void shouldRefuseRememberedTokenOnceItExpires() {
        String shortLived = Tokens.expiringIn(2, QuotaApi.unique("svc"), "reporter");
        String user = QuotaApi.userWithDailyQuota(100);
        consume(shortLived, user).then().statusCode(200);
        assertThat(verified.contains(shortLived)).isTrue();
        AtomicInteger allowed = new AtomicInteger(1);

        // Remembered for up to vigil.token-cache.max-age (5 minutes) unless its exp counts.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    int status = consume(shortLived, user).statusCode();
                    if (status == 200) {
                        allowed.incrementAndGet();
                    }
                    return status == 401;
                });

        assertThat(QuotaApi.used(user, "DAY")).isEqualTo(allowed.get());
    }

    private static io.restassured.response.Response consume(String token, String user) {
        return given().auth().oauth2(token)
                .contentType("application/json")
                .body("{\"requestId\":\"" + QuotaApi.unique("r") + "\",\"amount\":1}")
                .when().post("/api/quotas/" + user + "/consume");
    }
}
