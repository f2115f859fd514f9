-- Notification channels. url and header values are secrets: the API never returns them.
CREATE TABLE channel (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    type        TEXT        NOT NULL,
    url         TEXT,
    headers     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    email_to    TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Alert rules; the definition column holds the rule as the API accepts it.
CREATE TABLE rule (
    id             UUID PRIMARY KEY,
    name           TEXT        NOT NULL UNIQUE,
    condition_type TEXT        NOT NULL,
    enabled        BOOLEAN     NOT NULL,
    definition     JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX rule_condition_type ON rule (condition_type) WHERE enabled;

-- One row per incident of a rule on a subject. At most one open row per rule and subject,
-- which is what keeps replicas from raising the same alert twice.
CREATE TABLE alert (
    id              UUID PRIMARY KEY,
    rule_id         UUID             NOT NULL,
    rule_name       TEXT             NOT NULL,
    subject         TEXT             NOT NULL,
    state           TEXT             NOT NULL,
    severity        TEXT             NOT NULL,
    condition_type  TEXT             NOT NULL,
    observed_value  DOUBLE PRECISION,
    threshold       DOUBLE PRECISION,
    message         TEXT             NOT NULL,
    pending_since   TIMESTAMPTZ      NOT NULL,
    triggered_at    TIMESTAMPTZ,
    resolved_at     TIMESTAMPTZ,
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by TEXT,
    notified_at     TIMESTAMPTZ,
    suppressed_by   TEXT,
    last_reminder_at TIMESTAMPTZ,
    reminders       INT              NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ      NOT NULL
);
CREATE UNIQUE INDEX alert_open_per_rule_subject ON alert (rule_id, subject)
    WHERE state IN ('pending', 'firing', 'acknowledged');
CREATE INDEX alert_by_state ON alert (state, pending_since DESC, id);
CREATE INDEX alert_by_created ON alert (pending_since DESC, id);
CREATE INDEX alert_notified ON alert (rule_id, subject, notified_at);

-- Every state change of every alert, in order.
CREATE TABLE alert_transition (
    id          BIGSERIAL PRIMARY KEY,
    alert_id    UUID        NOT NULL REFERENCES alert (id),
    from_state  TEXT,
    to_state    TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    suppressed  BOOLEAN     NOT NULL DEFAULT false,
    note        TEXT
);
CREATE INDEX alert_transition_alert ON alert_transition (alert_id, id);

-- Notifications to send, written in the transaction of the transition they announce. The
-- unique key makes a repeated enqueue a no-op; the lease keeps two replicas from sending one.
CREATE TABLE notification (
    id              BIGSERIAL PRIMARY KEY,
    alert_id        UUID        NOT NULL REFERENCES alert (id),
    channel_id      UUID,
    kind            TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL UNIQUE,
    payload         JSONB       NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'pending',
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_alert ON notification (alert_id);

-- Every delivery attempt, successful or not; errors never carry a channel secret.
CREATE TABLE delivery_attempt (
    id              BIGSERIAL PRIMARY KEY,
    notification_id BIGINT      NOT NULL REFERENCES notification (id),
    alert_id        UUID        NOT NULL,
    channel_id      UUID,
    channel_name    TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    attempt         INT         NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    outcome         TEXT        NOT NULL,
    status_code     INT,
    error           TEXT,
    duration_ms     BIGINT      NOT NULL
);
CREATE INDEX delivery_attempt_alert ON delivery_attempt (alert_id, id);

-- The latest known result and failure streak of each target.
CREATE TABLE target_state (
    target_id            TEXT PRIMARY KEY,
    target_name          TEXT        NOT NULL,
    critical             BOOLEAN     NOT NULL,
    last_status          TEXT        NOT NULL,
    consecutive_failures INT         NOT NULL,
    last_checked_at      TIMESTAMPTZ NOT NULL
);

-- Recent check results, for rules over a time window; pruned after a retention.
CREATE TABLE check_sample (
    target_id        TEXT        NOT NULL,
    checked_at       TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL,
    response_time_ms BIGINT
);
CREATE INDEX check_sample_target_time ON check_sample (target_id, checked_at);

-- The last evaluation of a rule on a subject, so UNKNOWN (no answer) is visible.
CREATE TABLE rule_status (
    rule_id        UUID        NOT NULL,
    subject        TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    observed_value DOUBLE PRECISION,
    evaluated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule_id, subject)
);

-- Silences: an alert matching every given matcher while [starts_at, ends_at) is not notified.
CREATE TABLE silence (
    id          UUID PRIMARY KEY,
    rule_id     UUID,
    subject     TEXT,
    tag         TEXT,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    comment     TEXT,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX silence_active ON silence (ends_at);
