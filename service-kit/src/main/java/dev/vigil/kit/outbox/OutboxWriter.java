package dev.vigil.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.vigil.common.serde.EventCodec;
import io.agroal.api.AgroalDataSource;

/**
 * Writes events into the service's {@code outbox} table inside the caller's transaction, so an
 * event exists exactly when the state it describes was committed. {@link OutboxRelay} sends it.
 *
 * <p>Each service's migrations create the table (see service-kit's README for the DDL).
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "INSERT INTO outbox "
            + "(topic, event_key, event_id, event_type, payload) VALUES (?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    OutboxWriter(
            AgroalDataSource dataSource,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Adds one event to the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(OutboxMessage message) {
        write(List.of(message));
    }

    /** Adds the events to the current transaction in one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Collection<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutboxMessage message : messages) {
                insert.setString(1, message.topic());
                insert.setString(2, message.key());
                insert.setObject(3, message.event().eventId());
                insert.setString(4, message.event().type());
                insert.setBytes(5, EventCodec.encode(message.event()));
                insert.addBatch();
            }
            insert.executeBatch();
            wakeRelayAfterCommit();
        } catch (SQLException e) {
            throw new OutboxException("cannot write " + messages.size() + " outbox events", e);
        }
    }

    /** The relay can see the rows only once they are committed, so it is woken then. */
    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
