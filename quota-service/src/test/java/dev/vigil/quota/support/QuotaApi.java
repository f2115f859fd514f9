package dev.vigil.quota.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vigil.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls of the quota-service API that tests repeat, with the right tokens. */
public final class QuotaApi {

    private QuotaApi() {
    }

    /** A name no other test run uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tier (null limits are unlimited) and returns its name. */
    public static String createTier(
            String name,
            Long perMinute,
            Long perDay,
            Long perMonth,
            List<Double> thresholds) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("requestsPerMinute", perMinute);
        body.put("requestsPerDay", perDay);
        body.put("requestsPerMonth", perMonth);
        body.put("thresholds", thresholds);
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/tiers")
                .then()
                .statusCode(201);
        return name;
    }

    /** A fresh user on a fresh tier with only a daily limit. */
    public static String userWithDailyQuota(long perDay) {
        String tier = createTier(unique("day"), null, perDay, null, null);
        String user = unique("user");
        assign(user, tier);
        return user;
    }

    public static void assign(String userId, String tier) {
        given().auth().oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("tier", tier))
                .put("/api/users/{id}/tier", userId)
                .then()
                .statusCode(200);
    }

    /** Asks to count {@code amount} requests; the caller checks the status. */
    public static Response consume(String userId, String requestId, long amount) {
        return given().auth().oauth2(Tokens.reporter())
                .contentType(ContentType.JSON)
                .body(Map.of("requestId", requestId, "amount", amount))
                .post("/api/quotas/{id}/consume", userId);
    }

    /** The user's count in one period kind, read through the API. */
    public static long used(String userId, String period) {
        List<Map<String, Object>> periods = given().auth().oauth2(Tokens.viewer())
                .get("/api/quotas/{id}", userId)
                .then()
                .statusCode(200)
                .extract().jsonPath().getList("periods");
        return periods.stream()
                .filter(p -> period.equals(p.get("period")))
                .mapToLong(p -> ((Number) p.get("used")).longValue())
                .findFirst()
                .orElseThrow();
    }
}
