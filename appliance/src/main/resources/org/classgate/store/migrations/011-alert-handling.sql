-- What staff did with an alert in the console (org.classgate.incidents.AlertHandling): seen and
-- acted on ('acknowledged') or judged not to need anything ('dismissed'), by whom and when (a
-- trusted-time stamp as handled_seq, handled_boot_id, handled_mono_nanos, handled_wall_millis,
-- handled_synchronised). NULL handling: still open. An alert is handled once; the first decision
-- stands, so the record cannot be rewritten afterwards.
ALTER TABLE alert ADD COLUMN handling TEXT CHECK (handling IN ('acknowledged', 'dismissed'));
ALTER TABLE alert ADD COLUMN handled_by TEXT;
ALTER TABLE alert ADD COLUMN handled_seq INTEGER;
ALTER TABLE alert ADD COLUMN handled_boot_id TEXT;
ALTER TABLE alert ADD COLUMN handled_mono_nanos INTEGER;
ALTER TABLE alert ADD COLUMN handled_wall_millis INTEGER;
ALTER TABLE alert ADD COLUMN handled_synchronised INTEGER;
CREATE INDEX alert_open ON alert (seq) WHERE handling IS NULL;
