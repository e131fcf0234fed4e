-- PostgreSQL only (H2 has no partial indexes; its demo-sized tables do not need them). The dashboard's "ten worst
-- overdue" and the overdue lists read the open appeals of a scope in the order of their deadline. Over a million
-- appeals, the (status, resolution_due) index gives the open ones but not in one order, so every such read fetched
-- and sorted all of them (0.4–0.7 s for a county or a village). Two partial indexes over the open appeals only (a
-- tenth of the table, and they leave it when they are resolved):
-- by deadline, read in order until ten of the scope are found (a county or a village: under 20 ms);
CREATE INDEX IF NOT EXISTS appeals_appeal_open_due_ix ON appeals_appeal (resolution_due)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS');
-- by scope and deadline, for a small scope with few overdue, where walking the county's deadlines would be long
-- (pattern operator class: serves the prefix LIKE under any collation).
CREATE INDEX IF NOT EXISTS appeals_appeal_open_path_ix ON appeals_appeal (region_path text_pattern_ops, resolution_due)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'IN_PROGRESS');
