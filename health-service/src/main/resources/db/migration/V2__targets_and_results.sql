-- Registered targets, with the scheduling and damped-state columns the scheduler maintains.
CREATE TABLE target (
    id                 UUID PRIMARY KEY,
    name               TEXT        NOT NULL UNIQUE,
    kind               TEXT        NOT NULL,
    interval_seconds   INT         NOT NULL,
    timeout_ms         INT         NOT NULL,
    degraded_after_ms  INT         NOT NULL,
    unhealthy_after_ms INT         NOT NULL,
    critical           BOOLEAN     NOT NULL,
    enabled            BOOLEAN     NOT NULL,
    tags               TEXT[]      NOT NULL DEFAULT '{}',
    settings           JSONB       NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    -- The next tick a check is due; a claim moves it to the tick after the claim.
    next_due_at        TIMESTAMPTZ NOT NULL,
    -- Set while a check runs; a replica that dies leaves it to expire (timeout + grace).
    lease_until        TIMESTAMPTZ,
    -- The damped component status and the streaks that drive it; null before the first check.
    state              TEXT,
    fail_streak        INT         NOT NULL DEFAULT 0,
    ok_streak          INT         NOT NULL DEFAULT 0,
    last_checked_at    TIMESTAMPTZ,
    last_status        TEXT,
    last_response_ms   BIGINT,
    last_error         TEXT
);
CREATE INDEX target_due ON target (next_due_at) WHERE enabled;
CREATE INDEX target_tags ON target USING GIN (tags);

-- Raw results, pruned after the raw retention.
CREATE TABLE check_result (
    id               BIGSERIAL PRIMARY KEY,
    target_id        UUID        NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    checked_at       TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL,
    response_time_ms BIGINT,
    error_category   TEXT,
    error            TEXT,
    metadata         JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX check_result_target_time ON check_result (target_id, checked_at DESC, id DESC);
CREATE INDEX check_result_checked_at ON check_result (checked_at);

-- Checks and up checks per target and UTC hour, kept much longer than raw results.
CREATE TABLE result_hourly (
    target_id UUID        NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    hour      TIMESTAMPTZ NOT NULL,
    checks    INT         NOT NULL,
    up_checks INT         NOT NULL,
    PRIMARY KEY (target_id, hour)
);
CREATE INDEX result_hourly_hour ON result_hourly (hour);
