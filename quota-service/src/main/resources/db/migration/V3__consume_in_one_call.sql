-- The limit a tier sets for one period kind (NULL = unlimited, also for a missing tier): the
-- one place SQL maps a period to its column, for consume_quota and the usage batches.
CREATE FUNCTION tier_limit(t tier, p_period TEXT) RETURNS BIGINT
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE p_period
               WHEN 'MINUTE' THEN t.requests_per_minute
               WHEN 'DAY' THEN t.requests_per_day
               WHEN 'MONTH' THEN t.requests_per_month
           END
$$;

-- /consume in one round trip: claims the request id, finds the user's tier, adds the amount to
-- every period only if every limit allows it, and stores the decision. Every step runs under
-- the row locks of the claimed request and the user's counters, so concurrent callers on any
-- number of replicas serialize per user and usage never passes a limit.
--
-- p_wait_flush false lets this transaction commit before its WAL reaches the disk.
-- p_periods, p_starts and p_ends describe the current slot of each period kind in the lock
-- order the usage batches use too (MINUTE, DAY, MONTH). Rows returned:
-- - the request id was seen before: one row, fresh = false, with the stored decision
--   (remaining and resets_at are NULL when it was counted from a UsageRecorded event);
-- - allowed: one row per period with the counter after the add;
-- - refused: one row, period NULL, with the latest reset among the refusing periods.
CREATE FUNCTION consume_quota(
    p_user_id      TEXT,
    p_request_id   TEXT,
    p_amount       BIGINT,
    p_now          TIMESTAMPTZ,
    p_periods      TEXT[],
    p_starts       TIMESTAMPTZ[],
    p_ends         TIMESTAMPTZ[],
    p_default_tier TEXT,
    p_wait_flush   BOOLEAN)
RETURNS TABLE (
    fresh        BOOLEAN,
    allowed      BOOLEAN,
    remaining    BIGINT,
    resets_at    TIMESTAMPTZ,
    tier_name    TEXT,
    thresholds   DOUBLE PRECISION[],
    period       TEXT,
    period_start TIMESTAMPTZ,
    used         BIGINT,
    quota_limit  BIGINT,
    notified     DOUBLE PRECISION[])
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_tier    tier%ROWTYPE;
    v_limits  BIGINT[];
    v_changed TEXT[];
    v_left    BIGINT;
    v_reset   TIMESTAMPTZ;
BEGIN
    IF NOT p_wait_flush THEN
        -- Commit without waiting for the WAL flush (see the README's Limits): the locks and
        -- what other transactions see are the same; a database crash may forget the last
        -- fraction of a second of calls.
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;

    -- A concurrent claim of the same id waits here for the first one's commit, then loses.
    INSERT INTO counted_request (user_id, request_id, counted_at)
    VALUES (p_user_id, p_request_id, p_now)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN QUERY
        SELECT false, r.allowed, r.remaining, r.resets_at, NULL::TEXT,
               NULL::DOUBLE PRECISION[], NULL::TEXT, NULL::TIMESTAMPTZ, NULL::BIGINT,
               NULL::BIGINT, NULL::DOUBLE PRECISION[]
        FROM counted_request r
        WHERE r.user_id = p_user_id AND r.request_id = p_request_id;
        RETURN;
    END IF;

    -- A missing default tier leaves every limit NULL: counted without limits.
    SELECT t.* INTO v_tier FROM tier t
    WHERE t.name = COALESCE(
        (SELECT u.tier FROM user_tier u WHERE u.user_id = p_user_id), p_default_tier);
    SELECT array_agg(tier_limit(v_tier, p.name) ORDER BY p.ord)
    INTO v_limits
    FROM unnest(p_periods) WITH ORDINALITY AS p(name, ord);

    -- Adds where the limit allows; a refusing row is left as it was but locked all the same.
    WITH added AS (
        INSERT INTO usage_counter AS c (user_id, period, period_start, used, quota_limit)
        SELECT p_user_id, s.period, s.period_start, p_amount, s.quota_limit
        FROM unnest(p_periods, p_starts, v_limits) WITH ORDINALITY
            AS s(period, period_start, quota_limit, ord)
        WHERE s.quota_limit IS NULL OR s.quota_limit >= p_amount
        ORDER BY s.ord
        ON CONFLICT ON CONSTRAINT usage_counter_pkey DO UPDATE
        SET used = c.used + EXCLUDED.used, quota_limit = EXCLUDED.quota_limit
        WHERE EXCLUDED.quota_limit IS NULL OR c.used + EXCLUDED.used <= EXCLUDED.quota_limit
        RETURNING c.period)
    SELECT COALESCE(array_agg(added.period), '{}') INTO v_changed FROM added;

    IF cardinality(v_changed) < cardinality(p_periods) THEN
        -- All or nothing: take the amount back from the periods that had room.
        UPDATE usage_counter c SET used = c.used - p_amount
        FROM unnest(p_periods, p_starts) AS s(period, period_start)
        WHERE c.user_id = p_user_id AND c.period = s.period
          AND c.period_start = s.period_start AND s.period = ANY (v_changed);
        SELECT max(s.period_end) INTO v_reset
        FROM unnest(p_periods, p_ends) AS s(period, period_end)
        WHERE NOT s.period = ANY (v_changed);
        UPDATE counted_request r SET allowed = false, resets_at = v_reset
        WHERE r.user_id = p_user_id AND r.request_id = p_request_id;
        RETURN QUERY
        SELECT true, false, NULL::BIGINT, v_reset, v_tier.name, v_tier.thresholds,
               NULL::TEXT, NULL::TIMESTAMPTZ, NULL::BIGINT, NULL::BIGINT,
               NULL::DOUBLE PRECISION[];
        RETURN;
    END IF;

    -- The tightest limited period decides remaining and resetsAt; the earlier reset on a tie.
    SELECT c.quota_limit - c.used, s.period_end INTO v_left, v_reset
    FROM usage_counter c
    JOIN unnest(p_periods, p_starts, p_ends) AS s(period, period_start, period_end)
      ON c.period = s.period AND c.period_start = s.period_start
    WHERE c.user_id = p_user_id AND c.quota_limit IS NOT NULL
    ORDER BY c.quota_limit - c.used, s.period_end
    LIMIT 1;
    UPDATE counted_request r SET allowed = true, remaining = v_left, resets_at = v_reset
    WHERE r.user_id = p_user_id AND r.request_id = p_request_id;

    RETURN QUERY
    SELECT true, true, v_left, v_reset, v_tier.name, v_tier.thresholds,
           c.period, c.period_start, c.used, c.quota_limit, c.notified
    FROM usage_counter c
    JOIN unnest(p_periods, p_starts) WITH ORDINALITY AS s(period, period_start, ord)
      ON c.period = s.period AND c.period_start = s.period_start
    WHERE c.user_id = p_user_id
    ORDER BY s.ord;
END;
$$;

-- Counters are updated in place all day; room on each page lets Postgres keep the new row
-- version on the same page without touching the indexes (HOT updates).
ALTER TABLE usage_counter SET (fillfactor = 70);
