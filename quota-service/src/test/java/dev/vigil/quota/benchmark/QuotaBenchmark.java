package dev.vigil.quota.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.vigil.common.serde.EventCodec;
import dev.vigil.common.topic.Topics;
import dev.vigil.quota.messaging.UsageConsumer;
import dev.vigil.quota.period.QuotaPeriod;
import dev.vigil.quota.support.QuotaApi;
import dev.vigil.quota.support.UsageEvents;
import dev.vigil.testsupport.BenchmarkReport;
import dev.vigil.testsupport.KafkaTestClient;
import dev.vigil.testsupport.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Throughput of the usage consumer and latency of /consume, on the real broker and database.
 * Run: mvn -o -pl quota-service test -Pbench -Dtest=QuotaBenchmark
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@Tag("benchmark")
class QuotaBenchmark {

    private static final int EVENTS = 500_000;
    /** A first backlog that lets the JIT compile the counting path before it is timed. */
    private static final int WARM_UP_EVENTS = 200_000;
    private static final int USERS = 2_000;
    private static final int RATE_PER_SECOND = 2_000;
    /** A rate this shared 2-core machine sustains, to show service time without queueing. */
    private static final int SUSTAINABLE_RATE = 150;
    /**
     * On two cores the JIT needs minutes of traffic before /consume reaches its steady cost
     * (4 December, packaged service under wrk: 1,100 calls/s in the first 30 s, 3,000
     * after four minutes), so the warm-up runs a gentle minute and then two at the measured
     * rate.
     */
    private static final Duration GENTLE_WARM_UP = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(120);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    /** The goal's bound: the timeline counts the calls slower than this, second by second. */
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelRegistry channels;

    private final BenchmarkReport report = new BenchmarkReport("quota-benchmark.txt");

    @Test
    void shouldReportUsageThroughputAndConsumeLatency() throws Exception {
        report.line("load average before: %s", BenchmarkReport.loadAverage());
        measureUsageThroughput(WARM_UP_EVENTS, "warm-up");
        measureUsageThroughput(EVENTS, "measured");
        measureConsumeLatency();
        report.line("load average after: %s", BenchmarkReport.loadAverage());

        assertThat(report.write()).exists();
    }

    private void measureUsageThroughput(int events, String round) throws Exception {
        String prefix = QuotaApi.unique("bench");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(prefix + "-" + i);
        }
        // On the default tier every user would cross both minute thresholds in every run;
        // a roomy tier measures counting, with threshold events as rare as in production.
        assignTier(users, QuotaApi.createTier(QuotaApi.unique("bench"), 1_000_000L,
                1_000_000_000L, null, null));
        Instant now = Instant.now();
        List<byte[]> payloads = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String user = users.get(i % USERS);
            payloads.add(EventCodec.encode(UsageEvents.served(user, "q" + i, now)));
        }

        awaitConsumerPositioned();

        // The backlog is built while the channel is paused: what is timed is the consumer
        // emptying it, not the producer filling it.
        PausableChannel usage = channels.getPausable(UsageConsumer.CHANNEL);
        usage.pause();
        long sendStarted = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.bulkProducer()) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(Topics.USAGE, users.get(i % USERS),
                        payloads.get(i)));
            }
            producer.flush();
        }
        double sendSeconds = seconds(System.nanoTime() - sendStarted);
        long before = countedFor(users, now);

        long resumed = System.nanoTime();
        usage.resume();
        long counted = before;
        long deadline = resumed + TimeUnit.MINUTES.toNanos(5);
        while (counted < events && System.nanoTime() < deadline) {
            Thread.sleep(50);
            counted = countedFor(users, now);
        }
        long done = System.nanoTime();

        report.line("usage events (%s): %d over %d users, counted %d (%d while paused)", round,
                events, USERS, counted, before);
        report.line("usage producer (%s): %.0f events/s (backlog sent in %.2f s)", round,
                events / sendSeconds, sendSeconds);
        report.line("usage counted from backlog (%s): %.0f events/s (%d events in %.2f s after "
                + "resume)", round, (counted - before) / seconds(done - resumed), counted - before,
                seconds(done - resumed));
    }

    /**
     * Sends markers until one is counted: a group reading from the latest offset skips what
     * was sent before it had its partitions, so the backlog must wait for this.
     */
    private void awaitConsumerPositioned() throws Exception {
        String user = QuotaApi.unique("ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (int i = 0; QuotaApi.used(user, "MONTH") == 0; i++) {
                assertThat(System.nanoTime()).as("usage consumer positioned").isLessThan(deadline);
                kafka.send(Topics.USAGE, user, UsageEvents.served(user, "ready-" + i,
                        Instant.now()));
                Thread.sleep(1_000);
            }
        }
    }

    private void measureConsumeLatency() throws Exception {
        String tier = QuotaApi.createTier(QuotaApi.unique("bench"), 10_000_000L,
                1_000_000_000L, null, null);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            users.add(QuotaApi.unique("lat"));
        }
        assignTier(users, tier);
        // The load has an event loop of its own, so the calls it sends do not queue behind
        // the service's own work on the service's event loops.
        Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = load.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort())
                .setKeepAlive(true)
                .setMaxPoolSize(64));
        String token = "Bearer " + Tokens.reporter();

        runAtRate(client, token, users, GENTLE_WARM_UP, RATE_PER_SECOND / 2,
                new Latencies(GENTLE_WARM_UP));
        runAtRate(client, token, users, WARM_UP, RATE_PER_SECOND, new Latencies(WARM_UP));
        measureAtRate(client, token, users, RATE_PER_SECOND);
        measureAtRate(client, token, users, SUSTAINABLE_RATE);
        client.close();
        load.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void measureAtRate(HttpClient client, String token, List<String> users, int rate)
            throws Exception {
        Latencies latencies = new Latencies(MEASURED);
        DatabaseActivity before = DatabaseActivity.read(dataSource);
        long started = System.nanoTime();
        Map<Integer, AtomicLong> statuses =
                runAtRate(client, token, users, MEASURED, rate, latencies);
        double elapsed = seconds(System.nanoTime() - started);
        DatabaseActivity during = DatabaseActivity.read(dataSource).minus(before);

        long completed = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        Histogram histogram = latencies.histogram;
        report.line("/consume offered %d req/s for %d s: %d answered in %.1f s (%.0f req/s "
                + "achieved), statuses %s", rate, MEASURED.toSeconds(), completed, elapsed,
                completed / elapsed, statuses);
        report.line("/consume latency ms at %d req/s: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, "
                + "max %.2f", rate, millis(histogram, 50), millis(histogram, 90),
                millis(histogram, 99), millis(histogram, 99.9), histogram.getMaxValue() / 1e6);
        report.line("/consume calls over 5 ms at %d req/s, per second of the run: %s", rate,
                latencies.slowPerSecond());
        report.line("/consume slowest call ms at %d req/s, per second of the run: %s", rate,
                latencies.maxMillisPerSecond());
        report.line("Postgres during the %d req/s run: %s", rate, during);
    }

    /**
     * Sends at a fixed rate whatever the answers do (open loop); latency runs from the time a
     * call was due, so a stalled server is not hidden by the client waiting for it.
     */
    private Map<Integer, AtomicLong> runAtRate(
            HttpClient client,
            String token,
            List<String> users,
            Duration duration,
            int rate,
            Latencies latencies) throws InterruptedException {
        int calls = (int) (rate * duration.toSeconds());
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        CountDownLatch finished = new CountDownLatch(calls);
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = start + i * intervalNanos;
            // Parking, not spinning: a spinning sender would take one of the two cores from
            // the service. A late wake-up still counts, since latency runs from `due`.
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String user = users.get(i % users.size());
            String body = "{\"requestId\":\"" + QuotaApi.unique("b") + "\",\"amount\":1}";
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setURI("/api/quotas/" + user + "/consume")
                    .putHeader("Authorization", token)
                    .putHeader("Content-Type", "application/json");
            client.request(options)
                    .compose(request -> request.send(Buffer.buffer(body)))
                    .onComplete(result -> {
                        int status = result.succeeded() ? result.result().statusCode() : 0;
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        latencies.record(due - start, System.nanoTime() - due);
                        finished.countDown();
                    });
        }
        finished.await(90, TimeUnit.SECONDS);
        return statuses;
    }

    /** Setup only: thousands of PUTs through the API would take longer than the measurement. */
    private void assignTier(List<String> users, String tier) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO user_tier (user_id, tier, updated_at) "
                                + "SELECT unnest(?::text[]), ?, now()")) {
            insert.setArray(1, connection.createArrayOf("text", users.toArray()));
            insert.setString(2, tier);
            insert.executeUpdate();
        }
    }

    private long countedFor(List<String> users, Instant at) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COALESCE(sum(used), 0) FROM usage_counter "
                                + "WHERE user_id = ANY (?) AND period = 'MONTH' "
                                + "AND period_start = ?")) {
            select.setArray(1, connection.createArrayOf("text", users.toArray()));
            select.setObject(2, QuotaPeriod.MONTH.start(at).atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /**
     * Latencies of one run: the histogram, and per second of the run the calls over the
     * goal's bound and the slowest call. Slow calls bunched in a few seconds point at stalls
     * (a pause, a checkpoint); slow calls spread over every second point at a busy machine.
     */
    private static final class Latencies {

        final Histogram histogram = new Histogram(3);
        private final long[] slow;
        private final long[] max;

        Latencies(Duration duration) {
            // One more second for calls sent late in the last one.
            int seconds = (int) duration.toSeconds() + 1;
            slow = new long[seconds];
            max = new long[seconds];
        }

        synchronized void record(long sentAfterNanos, long latencyNanos) {
            long latency = Math.max(1, latencyNanos);
            histogram.recordValue(latency);
            int second = (int) Math.min(slow.length - 1, sentAfterNanos / 1_000_000_000L);
            if (latency > SLOW_NANOS) {
                slow[second]++;
            }
            max[second] = Math.max(max[second], latency);
        }

        synchronized String slowPerSecond() {
            return Arrays.toString(slow);
        }

        synchronized String maxMillisPerSecond() {
            return Arrays.stream(max).mapToObj(n -> String.format("%.0f", n / 1e6))
                    .toList().toString();
        }
    }

    /** Postgres' own background work, which competes with /consume for the two cores. */
    private record DatabaseActivity(long checkpoints, long autovacuums, long autoanalyzes) {

        static DatabaseActivity read(AgroalDataSource dataSource) throws Exception {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT (SELECT checkpoints_timed + checkpoints_req "
                                    + "FROM pg_stat_bgwriter), "
                                    + "COALESCE(sum(autovacuum_count), 0), "
                                    + "COALESCE(sum(autoanalyze_count), 0) "
                                    + "FROM pg_stat_user_tables WHERE schemaname = 'quota'");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return new DatabaseActivity(row.getLong(1), row.getLong(2), row.getLong(3));
            }
        }

        DatabaseActivity minus(DatabaseActivity before) {
            return new DatabaseActivity(checkpoints - before.checkpoints,
                    autovacuums - before.autovacuums, autoanalyzes - before.autoanalyzes);
        }

        @Override
        public String toString() {
            return String.format("%d checkpoints, %d autovacuums and %d autoanalyzes of "
                    + "quota tables", checkpoints, autovacuums, autoanalyzes);
        }
    }
}
