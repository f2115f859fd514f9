package dev.vigil.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import dev.vigil.kit.config.KitConfig;
import dev.vigil.kit.kafka.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes outbox rows to Kafka in id order and deletes them once the broker acknowledged.
 *
 * <p>A row is deleted only after its send succeeded, so a crash or an outage can publish an
 * event twice but never lose one; readers skip repeats by event id. One replica relays at a
 * time (a transaction-scoped advisory lock), which keeps each key's events in order.
 *
 * <p>{@link OutboxWriter} wakes the relay when a transaction with events commits, so events
 * leave within milliseconds; the scheduled pass only retries after a failure and picks up rows
 * other replicas left.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String LOCK =
            "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))";
    private static final String SELECT = "SELECT id, topic, event_key, event_id, event_type, "
            + "payload FROM outbox ORDER BY id LIMIT ?";
    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY (?)";

    private final AgroalDataSource dataSource;
    private final KafkaClients kafka;
    private final KitConfig config;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vigil-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    OutboxRelay(AgroalDataSource dataSource, KafkaClients kafka, KitConfig config) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config;
    }

    /** Asks for a relay pass soon; calls made while one is queued fold into it. */
    public void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpPending.set(false);
                relayPending();
            });
        }
    }

    @PreDestroy
    void stop() {
        wakeUps.shutdown();
    }

    @Scheduled(every = "${vigil.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPass() {
        relayPending();
    }

    /** Publishes until the outbox is empty or a batch fails; one caller at a time. */
    synchronized void relayPending() {
        try {
            int sent;
            do {
                sent = publishBatch();
            } while (sent == config.outbox().batchSize());
            recovered();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Publishes one batch; returns how many events it sent. */
    @Transactional
    public int publishBatch() {
        try (Connection connection = dataSource.getConnection()) {
            if (!tryLock(connection)) {
                return 0;
            }
            List<Row> rows = selectBatch(connection);
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            delete(connection, rows);
            return rows.size();
        } catch (SQLException e) {
            throw new OutboxException("cannot read the outbox", e);
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK);
                ResultSet result = lock.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private List<Row> selectBatch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, config.outbox().batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5), result.getBytes(6)));
                }
            }
        }
        return rows;
    }

    private void send(List<Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(kafka.producer().send(row.toRecord()));
        }
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (Exception e) {
            throw new IllegalStateException("publish failed: " + e.getMessage(), e);
        }
    }

    private void delete(Connection connection, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
    }

    private void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.warnf("Outbox relay cannot publish, will retry service=%s cause=%s",
                    config.serviceName(), e.getMessage());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.infof("Outbox relay publishing again service=%s", config.serviceName());
        }
    }

    private record Row(
            long id,
            String topic,
            String key,
            String eventId,
            String eventType,
            byte[] payload) {

        ProducerRecord<String, byte[]> toRecord() {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add("vigil-event-id", eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add("vigil-event-type", eventType.getBytes(StandardCharsets.UTF_8));
            return record;
        }
    }
}
