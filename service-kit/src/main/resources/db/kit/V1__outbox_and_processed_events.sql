-- Events waiting for the relay to publish them (service-kit OutboxRelay); a row is deleted
-- once Kafka acknowledged it.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    event_key   TEXT,
    event_id    UUID        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Ids of consumed events already applied, claimed in the transaction that applies them.
CREATE TABLE processed_event (
    event_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
