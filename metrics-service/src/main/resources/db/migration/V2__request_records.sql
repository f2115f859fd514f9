-- One row per request, exactly as reported; answers short windows exactly and the userId
-- filter. Pruned by arrival time (ingested_at), so an old log imported today stays queryable.
CREATE TABLE request_record (
    request_id       TEXT PRIMARY KEY,
    occurred_at      TIMESTAMPTZ NOT NULL,
    service          TEXT        NOT NULL,
    route            TEXT        NOT NULL,
    endpoint         TEXT        NOT NULL,
    method           TEXT        NOT NULL,
    status           SMALLINT    NOT NULL,
    response_time_ms BIGINT,
    outcome          SMALLINT    NOT NULL, -- 0 success, 1 client error (4xx), 2 failed
    error_type       TEXT,
    error_message    TEXT,
    user_id          TEXT,
    ingested_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_record_occurred_at ON request_record (occurred_at);
-- Rows arrive in ingestion order, so a block range index prunes cheaply.
CREATE INDEX request_record_ingested_at ON request_record USING brin (ingested_at);

-- Pre-aggregates per (service, route) and minute, hour or day: exact counters plus a DDSketch
-- (1 % relative accuracy) of response times, so any window is answered from few small rows.
CREATE TABLE request_aggregate (
    granularity   CHAR(1)     NOT NULL, -- m minute, h hour, d day
    bucket_start  TIMESTAMPTZ NOT NULL,
    service       TEXT        NOT NULL,
    route         TEXT        NOT NULL,
    total         BIGINT      NOT NULL,
    successful    BIGINT      NOT NULL,
    failed        BIGINT      NOT NULL,
    client_errors BIGINT      NOT NULL,
    timed         BIGINT      NOT NULL, -- requests that carry a response time
    rt_sum        BIGINT      NOT NULL,
    rt_min        BIGINT,
    rt_max        BIGINT,
    rt_under_100  BIGINT      NOT NULL,
    rt_under_500  BIGINT      NOT NULL,
    rt_under_1000 BIGINT      NOT NULL,
    rt_under_2000 BIGINT      NOT NULL,
    rt_under_5000 BIGINT      NOT NULL,
    rt_5000_up    BIGINT      NOT NULL,
    error_types   JSONB       NOT NULL,
    sketch        BYTEA       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (granularity, bucket_start, service, route)
);
CREATE INDEX request_aggregate_updated_at ON request_aggregate (updated_at);
