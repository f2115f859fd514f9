-- Tiers: the limit of each fixed UTC calendar period (NULL = unlimited) and the shares of a
-- limit whose crossing is announced.
CREATE TABLE tier (
    name                TEXT PRIMARY KEY,
    requests_per_minute BIGINT CHECK (requests_per_minute >= 0),
    requests_per_day    BIGINT CHECK (requests_per_day >= 0),
    requests_per_month  BIGINT CHECK (requests_per_month >= 0),
    thresholds          DOUBLE PRECISION[] NOT NULL DEFAULT '{0.8,1.0}',
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The tiers every installation starts with; admins change them through /api/tiers.
INSERT INTO tier (name, requests_per_minute, requests_per_day, requests_per_month) VALUES
    ('free', 60, 1000, 20000),
    ('pro', 600, 20000, 500000),
    ('enterprise', 6000, 500000, 10000000),
    ('admin', NULL, NULL, NULL);

-- Users moved off the default tier; a user without a row has tier 'free'. A tier in use
-- cannot be deleted.
CREATE TABLE user_tier (
    user_id    TEXT PRIMARY KEY,
    tier       TEXT NOT NULL REFERENCES tier (name) ON DELETE RESTRICT,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_tier_tier ON user_tier (tier);

-- Requests counted per user and calendar period. Usage belongs to the user, not the tier, so
-- a tier change keeps it. quota_limit is the limit in force at the last change (NULL =
-- unlimited); notified holds the thresholds already announced for this period.
CREATE TABLE usage_counter (
    user_id      TEXT        NOT NULL,
    period       TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    used         BIGINT      NOT NULL,
    quota_limit  BIGINT,
    notified     DOUBLE PRECISION[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, period, period_start)
);
CREATE INDEX usage_counter_period ON usage_counter (period, period_start);

-- Every request id counted (or refused) per user, from /consume or from UsageRecorded, so one
-- request counts once; /consume replays the stored decision. allowed is NULL only inside
-- the transaction that decides.
CREATE TABLE counted_request (
    user_id     TEXT        NOT NULL,
    request_id  TEXT        NOT NULL,
    allowed     BOOLEAN,
    remaining   BIGINT,
    resets_at   TIMESTAMPTZ,
    counted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, request_id)
);
-- BRIN: rows arrive in time order, and a B-tree would slow the hot insert path.
CREATE INDEX counted_request_counted_at ON counted_request USING BRIN (counted_at);
