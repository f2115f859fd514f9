package dev.vigil.metrics.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import dev.vigil.metrics.service.UsageWriter;
import dev.vigil.metrics.stats.Granularity;
import dev.vigil.metrics.stats.StatsAccumulator;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.WindowPlan;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Measures sustained ingestion from {@code vigil.usage} into Postgres, then loads as many
 * records over the last 30 days as fit in the load budget and measures
 * {@code GET /api/performance} latency for 1 h, 24 h and 30 d, and sketch against exact
 * percentiles. Figures go to stdout and {@code target/benchmarks/metrics-service.txt}.
 */
@QuarkusTest
@Tag("benchmark")
class IngestionBenchmark {

    private static final int KAFKA_RECORDS = Integer.getInteger("vigil.bench.kafka-records",
            200_000);
    private static final Duration KAFKA_WAIT = Duration.ofMinutes(3);
    private static final int TARGET_RECORDS = Integer.getInteger("vigil.bench.records",
            10_000_000);
    private static final Duration LOAD_BUDGET =
            Duration.ofSeconds(Integer.getInteger("vigil.bench.load-seconds", 120));
    private static final int QUERY_RUNS = 40;
    private static final int[] PERCENTILES = {50, 95, 99};

    @Inject
    UsageWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    AggregateRepository aggregates;

    private final List<String> report = new ArrayList<>();
    private final Random random = new Random(1);

    @Test
    void shouldMeasureIngestionQueriesAndSketchError() throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        line("machine: %d cores, load average %.1f at start", Runtime.getRuntime()
                .availableProcessors(), java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());

        double kafkaRate = measureKafkaIngestion(prefix + "-kafka");
        long loaded = loadLastThirtyDays(prefix);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (String window : List.of("1h", "24h", "30d")) {
            measureQueries(window);
        }
        for (Duration length : List.of(Duration.ofHours(24), Duration.ofDays(30))) {
            compareSketchWithExact(now.minus(length), now);
        }
        write();

        assertThat(kafkaRate).isPositive();
        assertThat(loaded).isPositive();
    }

    private double measureKafkaIngestion(String service) throws SQLException {
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < KAFKA_RECORDS; i++) {
                UsageRecorded event = UsageRecorded.of(
                        EventMeta.now("bench", base.plusMillis(i)), service + "-" + i, service,
                        "/items/" + (i % 1000), "GET", status(), responseTime(), true, null,
                        null, "u" + (i % 100));
                producer.send(new ProducerRecord<>(Topics.USAGE, event.userId(),
                        EventCodec.encode(event)));
            }
        }
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        // Bounded: on a starved machine the figure is what was stored within the wait.
        AtomicLong counted = new AtomicLong();
        try {
            Awaitility.await().atMost(KAFKA_WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        counted.set(count(service));
                        return counted.get() >= KAFKA_RECORDS;
                    });
        } catch (ConditionTimeoutException e) {
            line("kafka ingestion did not finish within %s", KAFKA_WAIT);
        }
        long stored = counted.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = stored / seconds;
        line("kafka ingestion: %,d records produced in %.1f s, %,d stored after %.1f s "
                + "= %,.0f records/s (consumer batches of up to 5,000, one transaction each)",
                KAFKA_RECORDS, produceSeconds, stored, seconds, rate);
        return rate;
    }

    private long loadLastThirtyDays(String prefix) {
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
        line("direct load (UsageWriter, no Kafka): %,d records in %.1f s = %,.0f records/s; "
                + "target %,d over 30 days, loaded newest first, so the data covers the last "
                + "%.1f days", loaded, seconds, loaded / seconds, TARGET_RECORDS,
                30.0 * loaded / TARGET_RECORDS);
        return loaded;
    }

    private void measureQueries(String window) {
        for (int i = 0; i < 3; i++) {
            query(Map.of("window", window));
        }
        long[] nanos = new long[QUERY_RUNS];
        String exact = "";
        for (int i = 0; i < QUERY_RUNS; i++) {
            long start = System.nanoTime();
            Map<String, Object> body = query(Map.of("window", window));
            nanos[i] = System.nanoTime() - start;
            exact = body.get("exact") + ", " + body.get("totalRequests") + " requests";
        }
        Arrays.sort(nanos);
        line("GET /api/performance?window=%s over HTTP: p50 %.1f ms, p99 %.1f ms "
                + "(%d runs; exact=%s)", window, nanos[QUERY_RUNS / 2 - 1] / 1e6,
                nanos[(QUERY_RUNS * 99 + 99) / 100 - 1] / 1e6, QUERY_RUNS, exact);
    }

    /** Sketch-only answer (pre-aggregates merged, as a busy window gets) against exact. */
    private void compareSketchWithExact(Instant from, Instant to) throws SQLException {
        StatsAccumulator sketched = new StatsAccumulator();
        WindowPlan plan = WindowPlan.of(from, to, Granularity.DAY);
        long start = System.nanoTime();
        aggregates.find(plan.segments(), StatsFilter.NONE).forEach(sketched::merge);
        Double[] served = {sketched.median(), sketched.percentile(95), sketched.percentile(99)};
        double millis = (System.nanoTime() - start) / 1e6;
        double[] exact = exactPercentiles(from, to);
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < served.length; i++) {
            errors.append(String.format(" p%d %.1f vs exact %.1f (%.2f %%);", PERCENTILES[i],
                    served[i], exact[i], 100 * Math.abs(served[i] - exact[i]) / exact[i]));
        }
        line("sketch vs exact over %s (%,d requests, %d segments, read and merged in %.0f ms):%s",
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
    private static Map<String, Object> query(Map<String, ?> params) {
        return given().auth().oauth2(Tokens.viewer())
                .queryParams(params)
                .get("/api/performance")
                .then().statusCode(200)
                .extract().as(Map.class);
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

    private static KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println("[benchmark] " + text);
        report.add(text);
    }

    private void write() throws IOException {
        Path dir = Path.of("target", "benchmarks");
        Files.createDirectories(dir);
        Files.write(dir.resolve("metrics-service.txt"), report);
    }
}
