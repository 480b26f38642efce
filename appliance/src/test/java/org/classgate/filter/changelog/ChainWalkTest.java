package org.classgate.filter.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk on its own, over rows built in memory; the SQLite tests tamper with real files. */
class ChainWalkTest {
  private record Row(long id, ChangeEntry entry, byte[] hash) {}

  private static List<Row> chain(int length) {
    List<Row> rows = new ArrayList<>();
    byte[] previous = ChangeChain.genesis();
    for (int id = 1; id <= length; id++) {
      ChangeEntry entry =
          new ChangeEntry(
              "t" + id,
              Instant.ofEpochSecond(1_800_000_000L + id),
              "test.step",
              null,
              "v" + id,
              "because " + id,
              null);
      previous = ChangeChain.link(previous, id, entry);
      rows.add(new Row(id, entry, previous));
    }
    return rows;
  }

  private static ChainVerification walk(List<Row> rows, long headId, byte[] headHash) {
    ChainWalk walk = new ChainWalk();
    for (Row row : rows) {
      if (!walk.row(row.id(), row.entry(), row.hash())) {
        break;
      }
    }
    return walk.finish(headId, headHash);
  }

  @Test
  void anIntactChainReportsItsLengthAndHead() {
    List<Row> rows = chain(4);
    ChainVerification result = walk(rows, 4, rows.get(3).hash());
    assertEquals(new ChainVerification.Intact(4, ChangeChain.hex(rows.get(3).hash())), result);
    assertTrue(result.intact());
    assertEquals(
        new ChainVerification.Intact(0, ChangeChain.hex(ChangeChain.genesis())),
        walk(List.of(), 0, ChangeChain.genesis()));
  }

  @Test
  void anAlteredRowIsTheFirstBrokenOne() {
    List<Row> rows = chain(4);
    Row second = rows.get(1);
    ChangeEntry edited =
        new ChangeEntry(
            second.entry().actor(),
            second.entry().at(),
            second.entry().action(),
            null,
            "v2",
            "because 2 ",
            null);
    rows.set(1, new Row(2, edited, second.hash()));
    ChainVerification.Broken broken = (ChainVerification.Broken) walk(rows, 4, rows.get(3).hash());
    assertEquals(2, broken.rowId());
    assertEquals(ChangeChain.hex(second.hash()), broken.found());
    assertEquals(
        ChangeChain.hex(ChangeChain.link(rows.get(0).hash(), 2, edited)), broken.expected());
    assertTrue(broken.toString().startsWith("change log broken at row 2: "), broken.toString());
  }

  @Test
  void aGapNamesTheMissingRows() {
    List<Row> rows = chain(6);
    rows.remove(2);
    rows.remove(2);
    ChainVerification.Broken broken = (ChainVerification.Broken) walk(rows, 6, rows.get(3).hash());
    assertEquals(5, broken.rowId());
    assertTrue(broken.problem().contains("rows 3–4 are missing"), broken.problem());
  }

  @Test
  void rowsMissingFromTheEndAreCaughtByTheHead() {
    List<Row> rows = chain(4);
    byte[] head = rows.get(3).hash();
    rows.remove(3);
    ChainVerification.Broken broken = (ChainVerification.Broken) walk(rows, 4, head);
    assertEquals(4, broken.rowId());
    assertTrue(broken.problem().contains("deleted from the end"), broken.problem());
    assertFalse(walk(chain(4), 3, chain(4).get(2).hash()).intact(), "rows beyond the head");
    assertFalse(walk(chain(4), 4, new byte[32]).intact(), "a head hash that is not row 4's");
  }

  @Test
  void anUnreadableRowBreaksTheChain() {
    ChainWalk walk = new ChainWalk();
    List<Row> rows = chain(2);
    assertTrue(walk.row(1, rows.get(0).entry(), rows.get(0).hash()));
    assertFalse(walk.unreadableRow(2, "its time 'soon' is not an ISO-8601 instant"));
    ChainVerification.Broken broken = (ChainVerification.Broken) walk.finish(2, rows.get(1).hash());
    assertEquals(2, broken.rowId());
    assertTrue(broken.problem().contains("'soon'"), broken.problem());
  }
}
