package dev.vigil.health.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vigil.health.check.ScriptedHttpServer;
import dev.vigil.health.service.ResultWriter;
import dev.vigil.testsupport.CpuMeter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Checks per second and scheduling lag with many loopback HTTP targets at a 60 s interval,
 * results stored and events published. Targets: -Dvigil.bench.targets (default 10000); measured
 * seconds after one warm-up interval: -Dvigil.bench.seconds (default 60). It also reports the CPU
 * used meanwhile by this JVM (service and loopback targets), by all Postgres processes and by
 * the whole machine, with the load average.
 */
@QuarkusTest
@Tag("benchmark")
class SchedulingBenchmark {

    private static final int INTERVAL_SECONDS = 60;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SchedulingStats stats;

    @Inject
    ResultWriter writer;

    @Test
    void measureChecksPerSecondAndSchedulingLag() throws Exception {
        int targets = Integer.getInteger("vigil.bench.targets", 10_000);
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (ScriptedHttpServer server = ScriptedHttpServer.start()) {
            server.on("/bench", request -> request.response().end("ok"));
            insertTargets(prefix, targets, server.url("/bench"));

            // One interval of warm-up: every target has been due once and the JIT settled.
            sleep(Duration.ofSeconds(INTERVAL_SECONDS));
            stats.takeLagInterval();
            long startedBefore = stats.startedCount();
            long storedBefore = writer.storedCount();
            long publishedBefore = publishedCount();
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            sleep(Duration.ofSeconds(seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            Histogram lag = stats.takeLagInterval();
            long started = stats.startedCount() - startedBefore;
            long stored = writer.storedCount() - storedBefore;
            long outboxBacklog = outboxBacklog();
            String cpuUse = cpu.cores(elapsed);

            String report = String.format(Locale.ROOT, """
                    health-service scheduling benchmark
                    targets=%d intervalSeconds=%d measuredSeconds=%.1f
                    expectedChecksPerSecond=%.1f
                    checksStartedPerSecond=%.1f
                    resultsStoredPerSecond=%.1f
                    eventsPublishedPerSecond=%.1f
                    outboxBacklogAtEnd=%d writerBacklogAtEnd=%d
                    schedulingLagMs p50=%d p99=%d max=%d samples=%d
                    %s
                    """, targets, INTERVAL_SECONDS, elapsed,
                    targets / (double) INTERVAL_SECONDS, started / elapsed, stored / elapsed,
                    (publishedCount() - publishedBefore) / elapsed, outboxBacklog,
                    writer.backlog(), lag.getValueAtPercentile(50), lag.getValueAtPercentile(99),
                    lag.getMaxValue(), lag.getTotalCount(), cpuUse);
            System.out.println(report);
            Path file = Path.of("target", "benchmarks", "scheduling-" + targets + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
            assertThat(started).isPositive();
        } finally {
            deleteTargets(prefix);
        }
    }

    private void insertTargets(String prefix, int count, String url) throws Exception {
        // Due times spread evenly over one interval, as registrations over time would leave.
        String sql = "INSERT INTO target (id, name, kind, interval_seconds, timeout_ms, "
                + "degraded_after_ms, unhealthy_after_ms, critical, enabled, tags, settings, "
                + "created_at, updated_at, next_due_at) "
                + "SELECT gen_random_uuid(), ? || g, 'HTTP', ?, 5000, 500, 2000, false, true, "
                + "'{bench}', jsonb_build_object('url', ?::text), now(), now(), "
                + "now() + make_interval(secs => (g % ?) * ?::float8 / ?) "
                + "FROM generate_series(1, ?) g";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, prefix);
            insert.setInt(2, INTERVAL_SECONDS);
            insert.setString(3, url);
            insert.setInt(4, count);
            insert.setInt(5, INTERVAL_SECONDS);
            insert.setInt(6, count);
            insert.setInt(7, count);
            insert.executeUpdate();
        }
    }

    private void deleteTargets(String prefix) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM target WHERE name LIKE ?")) {
            delete.setString(1, prefix + "%");
            delete.executeUpdate();
        }
    }

    private long outboxBacklog() throws Exception {
        return queryLong("SELECT count(*) FROM outbox");
    }

    /** Events relayed so far: ids handed out minus rows still waiting. */
    private long publishedCount() throws Exception {
        return queryLong("SELECT coalesce((SELECT last_value FROM outbox_id_seq), 0) "
                + "- (SELECT count(*) FROM outbox)");
    }

    private long queryLong(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sleep(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        await().atMost(duration.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> System.nanoTime() >= end);
    }
}
