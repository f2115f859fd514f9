package dev.vigil.metrics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
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
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vigil.metrics.messaging.UsageConsumer;
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
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/**
 * Measures sustained ingestion from Kafka into Postgres, on a topic of the benchmark's own
 * ({@link BenchmarkProfile}): a JIT warm-up backlog, then a backlog of 1 M records (by default)
 * built while the channel is paused and timed while the consumer empties it, then the same
 * count with the producer running at the same time (end to end). Then it loads 10 M records
 * over the last 30 days through {@link UsageWriter} (the consumer's own write path, without
 * Kafka) and measures {@code GET /api/performance} latency for 1 h, 24 h and 30 d, and sketch
 * against exact percentiles. Figures go to stdout and
 * {@code target/benchmarks/metrics-service.txt}.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class IngestionBenchmark {

    private static final int KAFKA_RECORDS = Integer.getInteger("vigil.bench.kafka-records",
            1_000_000);
    /** A first backlog that lets the JIT compile the consuming path before it is timed. */
    private static final int WARM_UP_RECORDS = Integer.getInteger(
            "vigil.bench.warm-up-records", 300_000);
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

    @Inject
    ChannelRegistry channels;

    @TestHTTPResource("/api/performance")
    URL performanceUrl;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String viewerToken = Tokens.viewer();
    private final BenchmarkReport report = new BenchmarkReport("metrics-service.txt");
    private final UsageTraffic traffic = new UsageTraffic();

    @Test
    void shouldMeasureIngestionQueriesAndSketchError() throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        report.line("machine: %d cores, load average %s at start", Runtime.getRuntime()
                .availableProcessors(), BenchmarkReport.loadAverage());

        awaitConsumerPositioned(prefix + "-ready");
        drainBacklog(prefix + "-warm", WARM_UP_RECORDS, "JIT warm-up");
        double kafkaRate = drainBacklog(prefix + "-kafka", KAFKA_RECORDS, "measured");
        measureEndToEnd(prefix + "-e2e", KAFKA_RECORDS);
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

    /**
     * Sends markers until one is counted: a group reading from the latest offset skips what
     * was sent before it had its partitions, so the backlog must wait for this.
     */
    private void awaitConsumerPositioned(String service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.bulkProducer()) {
            for (int i = 0; aggregated(service) == 0; i++) {
                assertThat(System.nanoTime()).as("usage consumer positioned")
                        .isLessThan(deadline);
                traffic.send(producer, service, i, 1);
                producer.flush();
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * Builds a backlog while the channel is paused, then times the consumer emptying it, so
     * the figure is the consumer's and not the test producer's; CPU is read over the drain
     * only, when nothing else of the benchmark runs.
     */
    private double drainBacklog(String service, int records, String round) throws Exception {
        PausableChannel usage = channels.getPausable(UsageConsumer.CHANNEL);
        usage.pause();
        long sendStarted = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.bulkProducer()) {
            traffic.send(producer, service, 0, records);
            producer.flush();
        }
        double sendSeconds = seconds(System.nanoTime() - sendStarted);
        long before = aggregated(service);

        CpuMeter cpu = CpuMeter.start();
        long resumed = System.nanoTime();
        Instant resumedAt = Instant.now();
        usage.resume();
        long counted = awaitCounted(service, records);
        double drainSeconds = seconds(System.nanoTime() - resumed);
        cpu.stop();

        double rate = (counted - before) / drainSeconds;
        report.line("kafka backlog (%s): %,d records sent in %.1f s while paused (%,d counted "
                + "then); resumed at %s, %,d counted in the pre-aggregates %.1f s later = "
                + "%,.0f records/s; %s", round, records, sendSeconds, before, resumedAt,
                counted - before, drainSeconds, rate, cpu.cores(drainSeconds));
        reportCpu(round, cpu, counted - before);
        return rate;
    }

    /** Producer and consumer at once, as before: from the first send to the last record. */
    private double measureEndToEnd(String service, int records) throws Exception {
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.bulkProducer()) {
            traffic.send(producer, service, 0, records);
            producer.flush();
            cpu.excludeCurrentThread();
        }
        double produceSeconds = seconds(System.nanoTime() - start);
        long storedWhenProduced = aggregated(service);
        long counted = awaitCounted(service, records);
        double seconds = seconds(System.nanoTime() - start);
        cpu.stop();
        long rows = count(service);

        double rate = rows / seconds;
        report.line("kafka end to end: %,d records produced in %.1f s by the test JVM (%,d "
                + "already counted then); %,d raw rows stored and %,d counted in the "
                + "pre-aggregates %.1f s after the first send = %,.0f records/s; %s", records,
                produceSeconds, storedWhenProduced, rows, counted, seconds, rate,
                cpu.cores(seconds));
        reportCpu("end to end, without the producing thread", cpu, rows);
        return rate;
    }

    /**
     * Bounded: on a starved machine the figure is what was stored within the wait. The count
     * is read from the service's own roll-up row, written in the same transaction as the raw
     * rows, so polling it costs the database nothing.
     */
    private long awaitCounted(String service, int records) throws Exception {
        long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
        long counted = aggregated(service);
        while (counted < records && System.nanoTime() < deadline) {
            Thread.sleep(50);
            counted = aggregated(service);
        }
        if (counted < records) {
            report.line("kafka ingestion did not finish within %s", KAFKA_WAIT);
        }
        return counted;
    }

    private void reportCpu(String round, CpuMeter cpu, long records) {
        double cpuSeconds = cpu.jvmSeconds() + cpu.postgresSeconds();
        report.line("kafka CPU (%s): service JVM %.1f s, all Postgres processes %.1f s "
                + "(includes other clients of the server) = %.1f µs per record (JVM %.1f, "
                + "Postgres %.1f); at full use of %d cores that is %,.0f records/s", round,
                cpu.jvmSeconds(), cpu.postgresSeconds(), 1e6 * cpuSeconds / records,
                1e6 * cpu.jvmSeconds() / records, 1e6 * cpu.postgresSeconds() / records,
                Runtime.getRuntime().availableProcessors(),
                records * Runtime.getRuntime().availableProcessors() / cpuSeconds);
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
        if (exact.length == 0) {
            report.line("sketch vs exact over %s skipped: no request with a response time in "
                    + "the window", Duration.between(from, to));
            return;
        }
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
                Array array = result.getArray(1);
                if (array == null) {
                    return new double[0];
                }
                Long[] values = (Long[]) array.getArray();
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
        int status = traffic.status();
        Outcome outcome = Outcome.of(status, status < 500, null);
        return new RequestRecord(prefix + "-" + n, at, service, Routes.normalize(endpoint),
                endpoint, "GET", status, traffic.responseTime(), outcome, null, null,
                "u" + (n % 1000));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
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
