package org.classgate.filter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ChangeChain;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.Outboxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The change-control log in a real SQLite file, tampered with through a second connection. */
class SqliteChangeLogTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

  @TempDir Path dir;
  private Database database;
  private SqliteChangeLog log;
  private final List<LoggedChange> written = new ArrayList<>();

  @BeforeEach
  void writeFourRows() throws Exception {
    database = Database.open(dir);
    log = new SqliteChangeLog(database, Outboxes.of(database));
    // Nulls and values in different fields, so every field's tampering changes something.
    written.add(log.append(entry(0, null, "allowance 1", "oso (ONLINE_SAFETY_OFFICER)")));
    written.add(log.append(entry(1, "allowance 1", null, null)));
    written.add(log.append(entry(2, null, "allowance 2", "t.jones (TEACHER)")));
    written.add(log.append(entry(3, "allowance 2", null, null)));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static ChangeEntry entry(int n, String before, String after, String approvedBy) {
    return new ChangeEntry(
        "t.jones (TEACHER)",
        NINE.plusSeconds(60L * n),
        before == null ? "allowance.create" : "allowance.revoke",
        before,
        after,
        "reason " + n,
        approvedBy);
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + database.file());
  }

  /** What someone with a shell on the box would do first: the triggers stop plain edits. */
  private void tamper(String... statements) throws SQLException {
    try (Connection raw = raw();
        Statement statement = raw.createStatement()) {
      statement.execute("DROP TRIGGER change_log_no_update");
      statement.execute("DROP TRIGGER change_log_no_delete");
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private ChainVerification.Broken broken() throws StoreException {
    ChainVerification result = log.verify();
    assertTrue(result instanceof ChainVerification.Broken, "tampering went unnoticed: " + result);
    return (ChainVerification.Broken) result;
  }

  @Test
  void rowsAreNumberedReadBackAndVerified() throws Exception {
    assertEquals(List.of(1L, 2L, 3L, 4L), written.stream().map(LoggedChange::id).toList());
    assertEquals(written, log.read(0, 100));
    assertEquals(written.subList(2, 3), log.read(2, 1));
    assertEquals(List.of(), log.read(4, 10));
    assertEquals(new ChainVerification.Intact(4, written.get(3).hash()), log.verify());
  }

  @Test
  void anEmptyLogIsIntact() throws Exception {
    try (Database fresh = Database.open(dir.resolve("fresh"))) {
      assertEquals(
          new ChainVerification.Intact(0, ChangeChain.hex(ChangeChain.genesis())),
          new SqliteChangeLog(fresh, Outboxes.of(fresh)).verify());
    }
  }

  @Test
  void triggersRefusePlainEditsAndDeletes() throws Exception {
    try (Connection raw = raw();
        Statement statement = raw.createStatement()) {
      SQLException update =
          assertThrows(
              SQLException.class,
              () -> statement.execute("UPDATE change_log SET reason = 'x' WHERE id = 2"));
      assertTrue(update.getMessage().contains("append-only"), update.getMessage());
      assertThrows(
          SQLException.class, () -> statement.execute("DELETE FROM change_log WHERE id = 4"));
    }
    assertTrue(log.verify().intact());
  }

  static Stream<Arguments> everyFieldOfEveryRow() {
    // Each edit yields a value the row can still be read with, so the hash has to catch it.
    List<String> edits =
        List.of(
            "at = '2026-11-23T08:59:00Z'",
            "actor = 'oso (ONLINE_SAFETY_OFFICER)'",
            "action = 'allowance.expire'",
            "before_text = CASE WHEN before_text IS NULL THEN '' ELSE before_text || '!' END",
            "after_text = CASE WHEN after_text IS NULL THEN '' ELSE NULL END",
            "reason = 'a different reason'",
            "reason = reason || ' '",
            "approved_by = CASE WHEN approved_by IS NULL THEN 'head' ELSE NULL END",
            "hash = randomblob(32)");
    List<Arguments> cases = new ArrayList<>();
    for (int row = 1; row <= 4; row++) {
      for (String edit : edits) {
        cases.add(Arguments.of(row, edit));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "row {0}: SET {1}")
  @MethodSource("everyFieldOfEveryRow")
  void editingAnyFieldOfAnyRowIsDetectedAtThatRow(int row, String edit) throws Exception {
    tamper("UPDATE change_log SET " + edit + " WHERE id = " + row);
    ChainVerification.Broken broken = broken();
    assertEquals(row, broken.rowId(), broken.toString());
    assertNotEquals(broken.expected(), broken.found());
    assertTrue(broken.toString().startsWith("change log broken at row " + row + ": "));
  }

  @Test
  void anEditedHeadHashIsDetected() throws Exception {
    tamper("UPDATE change_log_head SET last_hash = randomblob(32)");
    ChainVerification.Broken broken = broken();
    assertEquals(4, broken.rowId());
    assertEquals(written.get(3).hash(), broken.found());
  }

  @Test
  void anUnreadableRowIsNamed() throws Exception {
    tamper("UPDATE change_log SET at = 'yesterday' WHERE id = 3");
    ChainVerification.Broken broken = broken();
    assertEquals(3, broken.rowId());
    assertTrue(broken.problem().contains("'yesterday'"), broken.problem());
    StoreException e = assertThrows(StoreException.class, () -> log.read(0, 10));
    assertTrue(e.getMessage().contains("row 3 is unreadable"), e.getMessage());
  }

  @Test
  void aHashStoredAsTextIsDetected() throws Exception {
    tamper("UPDATE change_log SET hash = 'not a hash' WHERE id = 2");
    assertEquals(2, broken().rowId());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void deletingARowIsDetectedAtTheRowAfterIt(int row) throws Exception {
    tamper("DELETE FROM change_log WHERE id = " + row);
    ChainVerification.Broken broken = broken();
    assertEquals(row + 1, broken.rowId());
    assertTrue(broken.problem().contains("row " + row + " is missing"), broken.problem());
  }

  @Test
  void deletingTheLastRowsIsDetectedThroughTheHead() throws Exception {
    tamper("DELETE FROM change_log WHERE id >= 3");
    ChainVerification.Broken broken = broken();
    assertEquals(3, broken.rowId());
    assertTrue(broken.problem().contains("rows 3–4 are deleted from the end"), broken.problem());
    assertEquals(written.get(3).hash(), broken.expected());
  }

  @Test
  void deletingTheHeadRowIsDetected() throws Exception {
    tamper("DELETE FROM change_log_head");
    assertTrue(broken().problem().contains("head row was deleted"));
    StoreException e =
        assertThrows(StoreException.class, () -> log.append(entry(9, null, "x", null)));
    assertTrue(e.getMessage().contains("head row is missing"), e.getMessage());
  }

  @Test
  void appendingAfterADeletionKeepsTheGapVisible() throws Exception {
    tamper("DELETE FROM change_log WHERE id = 4");
    LoggedChange next = log.append(entry(4, null, "allowance 3", "oso"));
    assertEquals(5, next.id(), "ids come from the head, not from the last remaining row");
    ChainVerification.Broken broken = broken();
    assertEquals(5, broken.rowId());
    assertTrue(broken.problem().contains("row 4 is missing"), broken.problem());
  }

  @Test
  void swappingTwoRowsIsDetected() throws Exception {
    tamper(
        "UPDATE change_log SET id = -2 WHERE id = 2",
        "UPDATE change_log SET id = 2 WHERE id = 3",
        "UPDATE change_log SET id = 3 WHERE id = -2");
    assertEquals(2, broken().rowId());
  }

  @Test
  void aRowAddedBehindTheLogsBackIsDetected() throws Exception {
    // Even correctly chained, a row the log writer did not add disagrees with the head.
    ChangeEntry forged = entry(5, null, "allowance 99", "head");
    byte[] previous = java.util.HexFormat.of().parseHex(written.get(3).hash());
    byte[] hash = ChangeChain.link(previous, 5, forged);
    try (Connection raw = raw();
        PreparedStatement insert =
            raw.prepareStatement(
                "INSERT INTO change_log (id, at, actor, action, before_text, after_text, reason,"
                    + " approved_by, hash) VALUES (5, ?, ?, ?, NULL, ?, ?, ?, ?)")) {
      insert.setString(1, forged.at().toString());
      insert.setString(2, forged.actor());
      insert.setString(3, forged.action());
      insert.setString(4, forged.after());
      insert.setString(5, forged.reason());
      insert.setString(6, forged.approvedBy());
      insert.setBytes(7, hash);
      insert.executeUpdate();
    }
    ChainVerification.Broken broken = broken();
    assertEquals(5, broken.rowId());
    assertTrue(broken.problem().contains("without going through the change log"));
  }

  /**
   * The limit of a hash chain kept beside the data: someone who recomputes every hash from the
   * edited row on, and the head, produces a chain that verifies. Only its head hash differs, which
   * is why the head is the value to anchor off the box (the hub).
   */
  @Test
  void aFullyRecomputedChainVerifiesButItsHeadChanges() throws Exception {
    String anchoredHead = ((ChainVerification.Intact) log.verify()).headHash();
    List<LoggedChange> rows = log.read(0, 10);
    byte[] previous = ChangeChain.genesis();
    List<String> updates = new ArrayList<>();
    updates.add("UPDATE change_log SET reason = 'rewritten' WHERE id = 2");
    for (LoggedChange row : rows) {
      ChangeEntry e = row.entry();
      if (row.id() == 2) {
        e =
            new ChangeEntry(
                e.actor(), e.at(), e.action(), e.before(), e.after(), "rewritten", e.approvedBy());
      }
      previous = ChangeChain.link(previous, row.id(), e);
      updates.add(
          "UPDATE change_log SET hash = x'"
              + ChangeChain.hex(previous)
              + "' WHERE id = "
              + row.id());
    }
    updates.add("UPDATE change_log_head SET last_hash = x'" + ChangeChain.hex(previous) + "'");
    tamper(updates.toArray(String[]::new));
    ChainVerification.Intact intact = (ChainVerification.Intact) log.verify();
    assertNotEquals(anchoredHead, intact.headHash());
  }

  @Test
  void hostileTextIsStoredAndReadBackExactly() throws Exception {
    String hostile =
        "'; DROP TABLE change_log; --\"<script>alert('x')</script>\u0000NUL\r\nline\n\t"
            + "\u202Eevil\u202C \uD83D\uDE00 "
            + "ÿ ".repeat(5000);
    assertTrue(hostile.length() > 10_000);
    ChangeEntry entry =
        new ChangeEntry(
            "o'brien \"<b>\"", NINE, "allowance.create", "\u0000", hostile, hostile, "x\u0000y");
    LoggedChange stored = log.append(entry);
    assertEquals(List.of(stored), log.read(4, 10));
    assertEquals(hostile, log.read(4, 1).get(0).entry().reason());
    assertEquals("\u0000", log.read(4, 1).get(0).entry().before());
    assertTrue(log.verify().intact());
    try (Connection raw = raw();
        Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM change_log")) {
      rows.next();
      assertEquals(5, rows.getInt(1), "the quoted SQL stayed text");
    }
  }

  @Test
  void aDamagedHeadStopsAppendsWithAClearMessage() throws Exception {
    tamper("UPDATE change_log_head SET last_hash = x'00'");
    StoreException e =
        assertThrows(StoreException.class, () -> log.append(entry(9, null, "x", null)));
    assertTrue(e.getMessage().contains("head hash is damaged (1 bytes)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> log.read(0, 0));
  }
}
