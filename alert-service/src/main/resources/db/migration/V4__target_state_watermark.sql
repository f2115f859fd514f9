-- Check results no longer claim their event ids one by one: a target's stored state carries
-- the result that last changed it (its time and event id), and an older or equal result is a
-- replay the evaluator skips. last_checked_at now means "checked at, by the last change".
ALTER TABLE target_state ADD COLUMN last_event_id UUID;

-- A replayed result may reach the window samples again; one sample per target and instant
-- makes that insert a no-op.
DELETE FROM check_sample a USING check_sample b
    WHERE a.ctid < b.ctid AND a.target_id = b.target_id AND a.checked_at = b.checked_at;
DROP INDEX check_sample_target_time;
CREATE UNIQUE INDEX check_sample_target_time ON check_sample (target_id, checked_at);
