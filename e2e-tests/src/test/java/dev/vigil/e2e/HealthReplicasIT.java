package dev.vigil.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.testsupport.HttpReceiver;

/**
 * Two packaged health-service replicas share 200 loopback HTTP targets at a 5 s interval on one
 * database (issue 3): for five minutes every target is checked exactly once per interval and
 * both replicas do work; then one replica is killed with SIGKILL and the other takes over all
 * targets within one interval.
 */
class HealthReplicasIT {

    private static final String DATABASE = "vigil_e2e_replicas";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final int TARGETS = 200;
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration SHARED_RUN = Duration.ofMinutes(
            Long.getLong("vigil.e2e.replicas.minutes", 5));
    private static final Duration SOLO_RUN = Duration.ofSeconds(60);
    /** The scheduling lag a check may have after its due tick and still count as on time. */
    private static final Duration MAX_LAG = Duration.ofSeconds(1);
    private static final Pattern CHECKS_STARTED = Pattern.compile(
            "(?m)^health_check_scheduling_lag_seconds_count(?:\\{[^}]*})? ([0-9.eE+]+)$");

    private static HttpReceiver receiver;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startReplicas() throws Exception {
        FreshDatabase.recreate(DATABASE);
        receiver = HttpReceiver.start();
        first = ServiceProcess.start("health-service", properties());
        second = ServiceProcess.start("health-service", properties());
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, receiver}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void shouldCheckEveryTargetOncePerIntervalAndTakeOverWhenAReplicaDies() throws Exception {
        for (int i = 0; i < TARGETS; i++) {
            registerTarget(i);
        }
        // One interval after the last registration every target's grid of due ticks is
        // running, so that is where the shared phase is measured from.
        Instant sharedFrom = Instant.now().plus(INTERVAL);
        sleep(INTERVAL.plus(SHARED_RUN));
        Instant sharedTo = Instant.now();
        double firstChecks = checksStarted(first);
        double secondChecks = checksStarted(second);

        second.kill();
        Instant killedAt = Instant.now();
        sleep(SOLO_RUN);
        Instant soloTo = Instant.now();
        double survivorChecks = checksStarted(first);
        first.close();

        Map<UUID, Instant> grids = gridAnchors();
        List<Check> checks = storedChecks();
        assertThat(grids).hasSize(TARGETS);

        Map<String, Integer> shared = countPerInterval(grids, checks, sharedFrom, sharedTo);
        assertThat(shared.size()).as("whole target intervals measured")
                .isGreaterThanOrEqualTo((int) (SHARED_RUN.dividedBy(INTERVAL) - 1) * TARGETS);
        assertThat(shared).as("checks per target and interval while both replicas run")
                .allSatisfy((interval, count) -> assertThat(count).as(interval).isEqualTo(1));
        assertThat(lateChecks(grids, checks, sharedFrom, sharedTo))
                .as("checks started %s or more after their due tick", MAX_LAG).isEmpty();

        assertThat(firstChecks).as("checks started by replica 1").isGreaterThan(0);
        assertThat(secondChecks).as("checks started by replica 2").isGreaterThan(0);
        assertThat(firstChecks + secondChecks).as("checks started by both replicas")
                .isGreaterThanOrEqualTo((double) shared.size());

        // After the kill: one interval of grace (the dead replica's in-flight checks hold a
        // lease and its unwritten results are lost), then no interval may be empty or doubled.
        Map<String, Integer> solo = countPerInterval(grids, checks, killedAt.plus(INTERVAL),
                soloTo);
        assertThat(solo.size()).as("whole target intervals after the grace")
                .isGreaterThanOrEqualTo((int) (SOLO_RUN.minus(INTERVAL).dividedBy(INTERVAL) - 1)
                        * TARGETS);
        assertThat(solo).as("checks per target and interval after one replica died")
                .allSatisfy((interval, count) -> assertThat(count).as(interval).isEqualTo(1));
        assertThat(survivorChecks - firstChecks).as("checks the survivor started after the kill")
                .isGreaterThanOrEqualTo((double) solo.size());
    }

    /** One stored result: its target and when the check started. */
    private record Check(UUID targetId, Instant checkedAt) {
    }

    /**
     * Counts checks per target and interval. A target's due ticks lie on a grid
     * {@code anchor + k * 5 s}; interval k is {@code [tick k, tick k + 5 s)}, so the check of
     * tick k falls in interval k as long as its scheduling lag is under 5 s ({@link #lateChecks}
     * holds it to under 1 s). Only intervals that lie wholly inside {@code [from, to)} count:
     * the partial first and last ones are excluded. An interval without checks is present with
     * count 0, so a missed tick fails the test as surely as a doubled one.
     */
    private static Map<String, Integer> countPerInterval(Map<UUID, Instant> grids,
            List<Check> checks, Instant from, Instant to) {
        Map<String, Integer> counts = new TreeMap<>();
        grids.forEach((target, anchor) -> {
            long k = firstWholeInterval(anchor, from);
            for (; !tick(anchor, k + 1).isAfter(to); k++) {
                counts.put(target + "@" + tick(anchor, k), 0);
            }
        });
        for (Check check : checks) {
            Instant anchor = grids.get(check.targetId());
            String key = check.targetId() + "@" + tick(anchor, intervalOf(anchor,
                    check.checkedAt()));
            counts.computeIfPresent(key, (k, n) -> n + 1);
        }
        return counts;
    }

    /** Checks in the window that started {@link #MAX_LAG} or more after their tick. */
    private static List<String> lateChecks(Map<UUID, Instant> grids, List<Check> checks,
            Instant from, Instant to) {
        List<String> late = new ArrayList<>();
        for (Check check : checks) {
            Instant anchor = grids.get(check.targetId());
            Instant tick = tick(anchor, intervalOf(anchor, check.checkedAt()));
            Duration lag = Duration.between(tick, check.checkedAt());
            if (!tick.isBefore(from) && tick.plus(INTERVAL).compareTo(to) <= 0
                    && lag.compareTo(MAX_LAG) >= 0) {
                late.add(check.targetId() + "@" + tick + " lag=" + lag.toMillis() + "ms");
            }
        }
        return late;
    }

    private static long intervalOf(Instant anchor, Instant at) {
        return Math.floorDiv(Duration.between(anchor, at).toMillis(), INTERVAL.toMillis());
    }

    private static long firstWholeInterval(Instant anchor, Instant from) {
        long k = intervalOf(anchor, from);
        return tick(anchor, k).isBefore(from) ? k + 1 : k;
    }

    private static Instant tick(Instant anchor, long k) {
        return anchor.plus(INTERVAL.multipliedBy(k));
    }

    private static void registerTarget(int index) {
        Map<String, Object> body = Map.of(
                "name", "replica-" + index,
                "kind", "HTTP",
                "intervalSeconds", INTERVAL.toSeconds(),
                "timeoutMs", 1000,
                "settings", Map.of("url", receiver.url("/t/" + index)));
        TargetApi.create(index % 2 == 0 ? first : second, body);
    }

    /** Checks this replica has started, from its scheduling-lag timer's count. */
    private static double checksStarted(ServiceProcess replica) {
        String scrape = given().baseUri(replica.baseUrl()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher matcher = CHECKS_STARTED.matcher(scrape);
        assertThat(matcher.find()).as("lag timer count in the scrape of " + replica.baseUrl())
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** A point on each target's grid of due ticks: its next due time. */
    private static Map<UUID, Instant> gridAnchors() throws SQLException {
        Map<UUID, Instant> anchors = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, next_due_at FROM health.target");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                anchors.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant());
            }
        }
        return anchors;
    }

    private static List<Check> storedChecks() throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT target_id, checked_at FROM health.check_result");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checks.add(new Check(rows.getObject(1, UUID.class),
                        rows.getTimestamp(2).toInstant()));
            }
        }
        return checks;
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = SuiteProperties.common(DATABASE);
        // The targets are a loopback server, which checks may reach only when allowed.
        properties.put("vigil.health.allow-list", "127.0.0.0/8");
        return properties;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
