package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.testsupport.Tokens;

/**
 * Two quota-service processes on one database enforce one limit together: 200 calls of one
 * user, released at once and split across both replicas, let exactly 100 through, and a
 * request id sent to both replicas at once counts once.
 */
class QuotaReplicasIT {

    private static final String DATABASE = "vigil_e2e_quota";
    private static final String GROUP = "e2e-quota-" + UUID.randomUUID();
    private static final int LIMIT = 100;
    private static final int CALLS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceProcess first;
    private static ServiceProcess second;
    private static HttpClient http;
    private static ExecutorService callers;

    @BeforeAll
    static void startReplicas() throws Exception {
        FreshDatabase.recreate(DATABASE);
        // One after the other: both would race Flyway's first migration of the fresh schema.
        first = ServiceProcess.start("quota-service", quotaProperties());
        second = ServiceProcess.start("quota-service", quotaProperties());
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        callers = Executors.newFixedThreadPool(CALLS);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (callers != null) {
            callers.shutdownNow();
        }
        for (ServiceProcess replica : new ServiceProcess[] {second, first}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void shouldAllowExactlyTheLimitWhenTwoReplicasAreCalledAtOnce() throws Exception {
        String tier = createTier(null, (long) LIMIT, 10_000L);
        String user = "replicas-" + UUID.randomUUID();
        assignTier(user, tier);
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(new Call(i % 2 == 0 ? first : second, user, "r-" + i));
        }

        List<HttpResponse<String>> answers = sendTogether(calls);

        List<HttpResponse<String>> allowed = withStatus(answers, 200);
        List<HttpResponse<String>> refused = withStatus(answers, 429);
        assertThat(allowed).hasSize(LIMIT);
        assertThat(refused).hasSize(CALLS - LIMIT);
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(JSON.readTree(answer.body()).path("allowed").asBoolean(true)).isFalse();
        });
        assertThat(usedInApi(first, user, "DAY")).isEqualTo(LIMIT);
        assertThat(usedInApi(second, user, "MONTH")).isEqualTo(LIMIT);
        assertThat(usedInTable(user, "DAY")).isEqualTo(LIMIT);
        assertThat(decisionsInTable(user, true)).isEqualTo(LIMIT);
        assertThat(decisionsInTable(user, false)).isEqualTo(CALLS - LIMIT);
    }

    @Test
    void shouldCountARequestIdSentToBothReplicasAtOnceOnce() throws Exception {
        String tier = createTier(null, 10_000L, 100_000L);
        String user = "repeat-" + UUID.randomUUID();
        assignTier(user, tier);
        int requests = 20;
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(new Call(first, user, "same-" + i));
            calls.add(new Call(second, user, "same-" + i));
        }

        List<HttpResponse<String>> answers = sendTogether(calls);

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        for (int i = 0; i < requests; i++) {
            // Both replicas give one request the same answer: the one stored when it counted.
            assertThat(JSON.readTree(answers.get(2 * i).body()))
                    .isEqualTo(JSON.readTree(answers.get(2 * i + 1).body()));
        }
        assertThat(usedInApi(second, user, "DAY")).isEqualTo(requests);
        assertThat(usedInTable(user, "DAY")).isEqualTo(requests);
        assertThat(usedInTable(user, "MONTH")).isEqualTo(requests);
    }

    /** One /consume call: the replica it goes to, the user and the request id. */
    private record Call(ServiceProcess replica, String user, String requestId) {
    }

    /**
     * Sends every call from its own thread, all released by one latch once every thread is
     * waiting on it, so the calls overlap on both replicas; answers come back in call order.
     */
    private static List<HttpResponse<String>> sendTogether(List<Call> calls) throws Exception {
        String token = Tokens.reporter();
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> pending = new ArrayList<>();
        for (Call call : calls) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(call.replica().baseUrl()
                            + "/api/quotas/" + call.user() + "/consume"))
                    .timeout(Duration.ofSeconds(90))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"requestId\":\"" + call.requestId() + "\",\"amount\":1}"))
                    .build();
            pending.add(callers.submit(() -> {
                ready.countDown();
                go.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("callers ready").isTrue();
        go.countDown();

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : pending) {
            answers.add(answer.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static List<HttpResponse<String>> withStatus(
            List<HttpResponse<String>> answers,
            int status) {
        return answers.stream().filter(answer -> answer.statusCode() == status).toList();
    }

    private static String createTier(Long perMinute, Long perDay, Long perMonth)
            throws Exception {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> tier = new HashMap<>();
        tier.put("name", name);
        tier.put("requestsPerMinute", perMinute);
        tier.put("requestsPerDay", perDay);
        tier.put("requestsPerMonth", perMonth);
        HttpResponse<String> created = send(first, "POST", "/api/tiers", Tokens.admin(),
                JSON.writeValueAsString(tier));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static void assignTier(String user, String tier) throws Exception {
        HttpResponse<String> assigned = send(second, "PUT", "/api/users/" + user + "/tier",
                Tokens.admin(), "{\"tier\":\"" + tier + "\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
    }

    private static long usedInApi(ServiceProcess replica, String user, String period)
            throws Exception {
        HttpResponse<String> quota = send(replica, "GET", "/api/quotas/" + user,
                Tokens.viewer(), null);
        assertThat(quota.statusCode()).as(quota.body()).isEqualTo(200);
        for (JsonNode usage : JSON.readTree(quota.body()).path("periods")) {
            if (usage.path("period").asText().equals(period)) {
                return usage.path("used").asLong();
            }
        }
        throw new AssertionError("no " + period + " in " + quota.body());
    }

    private static long usedInTable(String user, String period) throws Exception {
        return queryLong("SELECT COALESCE(sum(used), 0) FROM quota.usage_counter "
                + "WHERE user_id = ? AND period = ?", user, period);
    }

    private static long decisionsInTable(String user, boolean allowed) throws Exception {
        return queryLong("SELECT count(*) FROM quota.counted_request "
                + "WHERE user_id = ? AND allowed = ?", user, allowed);
    }

    private static long queryLong(String sql, Object... args) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                select.setObject(i + 1, args[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static HttpResponse<String> send(
            ServiceProcess replica,
            String method,
            String path,
            String token,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> quotaProperties() {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        // Replicas share one consumer group, as in production; a group of this run's own.
        properties.put("mp.messaging.incoming.usage.group.id", GROUP);
        properties.put("mp.messaging.incoming.usage.auto.offset.reset", "latest");
        // The shared test machine can be slow: no call may be shed with 503 while queueing.
        properties.put("vigil.quota.consume-queue-timeout", "60s");
        return properties;
    }
}
