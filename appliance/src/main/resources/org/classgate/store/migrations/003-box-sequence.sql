-- The box's sequence numbers (time.TrustedTime) order every record whatever the clocks say. Runs
-- reserve them in blocks; next is the first number no run has reserved yet.
CREATE TABLE box_sequence (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  next  INTEGER NOT NULL
);
INSERT INTO box_sequence (id, next) VALUES (1, 1);
