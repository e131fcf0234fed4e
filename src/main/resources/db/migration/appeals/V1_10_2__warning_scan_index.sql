-- The deadline scan looks for open appeals not yet warned whose time has come; with these indexes it reads
-- only those, however many open or closed appeals there are (no partial indexes: H2 has none).
CREATE INDEX appeals_appeal_red_scan_ix ON appeals_appeal (warning_level, status, resolution_due);
CREATE INDEX appeals_appeal_yellow_scan_ix ON appeals_appeal (warning_level, status, warning_at);
