package dev.vigil.quota.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.vigil.quota.support.QuotaApi;
import dev.vigil.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 200 simultaneous /consume calls over real HTTP against a limit of 100: the row-locked upsert
 * in Postgres must let exactly 100 through. The app holds no quota state in memory, so the
 * calls race exactly as they would across replicas: as up to 20 concurrent transactions.
 */
@QuarkusTest
class ConsumeConcurrencyTests {

    private static final int CALLS = 200;
    private static final int LIMIT = 100;

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldAllowExactlyLimitWhen200CallsRace() throws Exception {
        String user = QuotaApi.userWithDailyQuota(LIMIT);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String token = Tokens.reporter();

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.sendAsync(consume(user, "c" + i, token),
                    HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);

        Map<Integer, Long> byStatus = calls.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 100L, 429, 100L));
        assertThat(storedDailyUsage(user)).isEqualTo(LIMIT);
        assertThat(QuotaApi.used(user, "DAY")).isEqualTo(LIMIT);
    }

    private HttpRequest consume(String user, String requestId, String token) {
        return HttpRequest.newBuilder(base.resolve("/api/quotas/" + user + "/consume"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"requestId\":\"" + requestId + "\",\"amount\":1}"))
                .build();
    }

    private long storedDailyUsage(String user) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT sum(used) FROM usage_counter "
                                + "WHERE user_id = ? AND period = 'DAY'")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
