package dev.vigil.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vigil.common.event.EventMeta;
import dev.vigil.common.event.UsageRecorded;
import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.Topics;
import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import dev.vigil.metrics.model.Routes;
import dev.vigil.metrics.repository.AggregateRepository;
import dev.vigil.metrics.service.PerformanceService;
import dev.vigil.metrics.service.UsageWriter;
import dev.vigil.metrics.stats.Granularity;
import dev.vigil.metrics.stats.Rollup;
import dev.vigil.metrics.stats.StatsAccumulator;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.Window;
import dev.vigil.metrics.stats.WindowPlan;
import dev.vigil.testsupport.BenchmarkReport;
import dev.vigil.testsupport.CpuMeter;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures sustained ingestion from {@code vigil.usage} into Postgres (1 M records by
 * default), then loads 10 M records over the last 30 days through {@link UsageWriter} (the
 * consumer's own write path, without Kafka) and measures
 * {@code GET /api/performance} latency for 1 h, 24 h and 30 d, and sketch against exact
 * percentiles. Figures go to stdout and {@code target/benchmarks/metrics-service.txt}.
 */
@QuarkusTest
@Tag("benchmark")
class IngestionBenchmark {

    private static final int KAFKA_RECORDS = Integer.getInteger("vigil.bench.kafka-records",
            1_000_000);
    private static final Duration KAFKA_WAIT = Duration.ofMinutes(10);
    private static final int TARGET_RECORDS = Integer.getInteger("vigil.bench.records",
            10_000_000);
    private static final Duration LOAD_BUDGET =
            Duration.ofSeconds(Integer.getInteger("vigil.bench.load-seconds", 1800));
    private static final int QUERY_RUNS = Integer.getInteger("vigil.bench.query-runs", 200);
    private static final int[] PERCENTILES = {50, 95, 99};

    @Inject
    UsageWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    AggregateRepository aggregates;

    @Inject
    PerformanceService performance;

    @TestHTTPResource("/api/performance")
    URL performanceUrl;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String viewerToken = Tokens.viewer();
    private final BenchmarkReport report = new BenchmarkReport("metrics-service.txt");
    private final Random random = new Random(1);

    @Test
    void shouldMeasureIngestionQueriesAndSketchError() throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        report.line("machine: %d cores, load average %s at start", Runtime.getRuntime()
                .availableProcessors(), BenchmarkReport.loadAverage());

        double kafkaRate = measureKafkaIngestion(prefix + "-kafka");
        long loaded = loadLastThirtyDays(prefix);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Map<String, Duration> windows = Map.of("1h", Duration.ofHours(1), "24h",
                Duration.ofHours(24), "30d", Duration.ofDays(30));
        for (String window : List.of("1h", "24h", "30d")) {
            measureQueries(window);
            measureInProcess(window, windows.get(window));
        }
        for (Duration length : List.of(Duration.ofHours(24), Duration.ofDays(30))) {
            compareSketchWithExact(now.minus(length), now);
        }
        report.write();

        assertThat(kafkaRate).isPositive();
        assertThat(loaded).isEqualTo(TARGET_RECORDS);
    }

    private double measureKafkaIngestion(String service) throws SQLException {
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        long producedAt;
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.bulkProducer()) {
            for (int i = 0; i < KAFKA_RECORDS; i++) {
                UsageRecorded event = UsageRecorded.of(
                        EventMeta.now("bench", base.plusMillis(i)), service + "-" + i, service,
                        "/items/" + (i % 1000), "GET", status(), responseTime(), true, null,
                        null, "u" + (i % 100));
                producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(),
                        EventCodec.encode(event)));
            }
            producer.flush();
            producedAt = System.nanoTime();
            cpu.excludeCurrentThread();
        }
        double produceSeconds = (producedAt - start) / 1e9;
        long storedWhenProduced = aggregated(service);
        // Bounded: on a starved machine the figure is what was stored within the wait. The
        // count is read from the service's own roll-up row, written in the same transaction
        // as the raw rows, so polling it costs the database nothing.
        AtomicLong counted = new AtomicLong();
        try {
            Awaitility.await().atMost(KAFKA_WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        counted.set(aggregated(service));
                        return counted.get() >= KAFKA_RECORDS;
                    });
        } catch (ConditionTimeoutException e) {
            report.line("kafka ingestion did not finish within %s", KAFKA_WAIT);
        }
        long end = System.nanoTime();
        long aggregatedCount = counted.get();
        long rows = count(service);
        double seconds = (end - start) / 1e9;
        double rate = rows / seconds;
        report.line("kafka ingestion: %,d records produced in %.1f s (%,d already stored then); "
                + "%,d raw rows stored and %,d counted in the pre-aggregates after %.1f s "
                + "= %,.0f records/s end to end (consumer batches of up to 20,000, one "
                + "transaction each); load average %s", KAFKA_RECORDS, produceSeconds,
                storedWhenProduced, rows, aggregatedCount, seconds, rate,
                BenchmarkReport.loadAverage());
        double cpuSeconds = cpu.jvmSeconds() + cpu.postgresSeconds();
        report.line("kafka ingestion CPU: service JVM %.1f s without the producing thread, all "
                + "Postgres processes %.1f s (includes other clients of the server) = %.1f µs "
                + "per record; one consumer at a time on an idle machine would reach about "
                + "%,.0f records/s", cpu.jvmSeconds(), cpu.postgresSeconds(),
                1e6 * cpuSeconds / rows, rows / cpuSeconds);
        return rate;
    }

    private long loadLastThirtyDays(String prefix) {
        if (TARGET_RECORDS == 0) {
            report.line("direct load skipped (-Dvigil.bench.records=0): queries run over the rows "
                    + "already stored");
            return 0;
        }
        Instant end = clock.instant();
        long stepNanos = Duration.ofDays(30).toNanos() / TARGET_RECORDS;
        long deadline = System.nanoTime() + LOAD_BUDGET.toNanos();
        long start = System.nanoTime();
        long loaded = 0;
        int batchSize = 20_000;
        while (loaded < TARGET_RECORDS && System.nanoTime() < deadline) {
            List<RequestRecord> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++, loaded++) {
                // Newest first, so a shorter load still fills the 1 h and 24 h windows.
                Instant at = end.minusNanos(stepNanos * (loaded + 1))
                        .truncatedTo(ChronoUnit.MILLIS);
                batch.add(record(prefix, loaded, at));
            }
            writer.write(batch, clock.instant());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.line("direct load (UsageWriter: COPY, dedup insert and the same pre-aggregate code "
                + "as the consumer, no Kafka): %,d records in %.1f s = %,.0f records/s; "
                + "target %,d over 30 days, loaded newest first, so the data covers the last "
                + "%.1f days; load average %s", loaded, seconds, loaded / seconds,
                TARGET_RECORDS, 30.0 * loaded / TARGET_RECORDS, BenchmarkReport.loadAverage());
        return loaded;
    }

    private void measureQueries(String window) throws Exception {
        for (int i = 0; i < 3; i++) {
            query(window);
        }
        long[] nanos = new long[QUERY_RUNS];
        String exact = "";
        for (int i = 0; i < QUERY_RUNS; i++) {
            long start = System.nanoTime();
            Map<String, Object> body = query(window);
            nanos[i] = System.nanoTime() - start;
            exact = body.get("exact") + ", " + body.get("totalRequests") + " requests";
        }
        Arrays.sort(nanos);
        report.line("GET /api/performance?window=%s over HTTP: p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms "
                + "(%d runs; exact=%s); load average %s", window,
                nanos[QUERY_RUNS / 2 - 1] / 1e6, nanos[(QUERY_RUNS * 99 + 99) / 100 - 1] / 1e6,
                nanos[QUERY_RUNS - 1] / 1e6, QUERY_RUNS, exact, BenchmarkReport.loadAverage());
    }

    /** The same summary called in the JVM: the HTTP, token and JSON share left out. */
    private void measureInProcess(String name, Duration length) {
        long[] nanos = new long[QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            Instant to = clock.instant();
            long start = System.nanoTime();
            performance.summary(new Window(to.minus(length), to), StatsFilter.NONE);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        report.line("PerformanceService.summary(%s) in process: p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms "
                + "(%d runs); load average %s", name, nanos[QUERY_RUNS / 2 - 1] / 1e6,
                nanos[(QUERY_RUNS * 99 + 99) / 100 - 1] / 1e6, nanos[QUERY_RUNS - 1] / 1e6,
                QUERY_RUNS, BenchmarkReport.loadAverage());
    }

    /** Sketch-only answer (pre-aggregates merged, as a busy window gets) against exact. */
    private void compareSketchWithExact(Instant from, Instant to) throws SQLException {
        StatsAccumulator sketched = new StatsAccumulator();
        WindowPlan plan = WindowPlan.of(from, to, Granularity.DAY);
        long start = System.nanoTime();
        aggregates.find(plan.segments(), StatsFilter.NONE, Rollup.EVERYTHING)
                .forEach(sketched::merge);
        Double[] served = {sketched.median(), sketched.percentile(95), sketched.percentile(99)};
        double millis = (System.nanoTime() - start) / 1e6;
        double[] exact = exactPercentiles(from, to);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < served.length; i++) {
            errors.append(String.format(" p%d %.1f vs exact %.1f (%.2f %%);", PERCENTILES[i],
                    served[i], exact[i], 100 * Math.abs(served[i] - exact[i]) / exact[i]));
        }
        report.line("sketch vs exact over %s (%,d requests, %d segments, read and merged in "
                + "%.0f ms):%s",
                Duration.between(from, to), sketched.total(), plan.segments().size(), millis,
                errors);
    }

    private double[] exactPercentiles(Instant from, Instant to) throws SQLException {
        String sql = "SELECT percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP "
                + "(ORDER BY response_time_ms) FROM request_record "
                + "WHERE occurred_at >= ? AND occurred_at < ? AND response_time_ms IS NOT NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setTimestamp(1, Timestamp.from(from));
            select.setTimestamp(2, Timestamp.from(to));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                Long[] values = (Long[]) result.getArray(1).getArray();
                return Arrays.stream(values).mapToDouble(Long::doubleValue).toArray();
            }
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * One GET over a kept-alive connection with a token made once, so the figure is the
     * service's answer rather than the test client's set-up.
     */
    private Map<String, Object> query(String window) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(performanceUrl + "?window="
                        + window))
                .header("Authorization", "Bearer " + viewerToken)
                .GET().build();
        HttpResponse<byte[]> response =
                http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    private RequestRecord record(String prefix, long n, Instant at) {
        String service = prefix + "-s" + (n % 3);
        String endpoint = "/api/r" + (n % 10) + "/" + n;
        int status = status();
        Outcome outcome = Outcome.of(status, status < 500, null);
        return new RequestRecord(prefix + "-" + n, at, service, Routes.normalize(endpoint),
                endpoint, "GET", status, responseTime(), outcome, null, null, "u" + (n % 1000));
    }

    private int status() {
        int roll = random.nextInt(100);
        return roll < 2 ? 503 : roll < 5 ? 404 : 200;
    }

    private long responseTime() {
        return 1 + (long) Math.exp(random.nextGaussian() * 0.8 + 4.5);
    }

    private long count(String service) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM request_record WHERE service = ?")) {
            select.setString(1, service);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Requests of the service counted in its all-routes day rows. */
    private long aggregated(String service) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT coalesce(sum(total), 0) FROM request_aggregate "
                                + "WHERE granularity = 'd' AND service = ? AND route = ?")) {
            select.setString(1, service);
            select.setString(2, Rollup.ALL);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
