package org.classgate.filter.changelog;

import java.util.Arrays;

/**
 * Verifies the change-control log's hash chain one row at a time, so a storage adapter can stream
 * rows in id order without holding the whole log in memory. Stops at the first break: later rows
 * are ignored once one has failed, since every row after a break fails too.
 *
 * <p>Not thread-safe: one walk per verification.
 */
public final class ChainWalk {
  private byte[] previous = ChangeChain.genesis();
  private long lastId;
  private ChainVerification.Broken broken;

  /**
   * Feeds the next row in ascending id order.
   *
   * @param storedHash the hash stored with the row; null or the wrong length counts as a break
   * @return false once the chain is broken (the caller may stop reading)
   */
  public boolean row(long id, ChangeEntry entry, byte[] storedHash) {
    if (broken != null) {
      return false;
    }
    byte[] expected = ChangeChain.link(previous, id, entry);
    String found = storedHash == null ? "(no hash)" : ChangeChain.hex(storedHash);
    if (id != lastId + 1) {
      return fail(
          id,
          ChangeChain.hex(expected),
          found,
          id <= lastId
              ? "row " + id + " is out of order after row " + lastId
              : missing(lastId + 1, id - 1)
                  + " missing: the log jumps from row "
                  + lastId
                  + " to row "
                  + id);
    }
    if (storedHash == null || !Arrays.equals(expected, storedHash)) {
      return fail(
          id,
          ChangeChain.hex(expected),
          found,
          "row "
              + id
              + " does not match its hash: one of its fields or its hash was changed"
              + (id == 1 ? "" : ", or it was put in place of the original row " + id));
    }
    previous = storedHash;
    lastId = id;
    return true;
  }

  /**
   * Feeds a row that could not even be decoded (an unparseable time, a NULL where text belongs).
   *
   * @param problem what is wrong with it
   * @return false: the chain is broken
   */
  public boolean unreadableRow(long id, String problem) {
    if (broken != null) {
      return false;
    }
    return fail(id, "(a readable row)", "(unreadable)", "row " + id + " is unreadable: " + problem);
  }

  /**
   * Ends the walk, comparing the last row with the head the log writer keeps beside the log, which
   * catches rows deleted from the end (the chain alone cannot: a shorter chain is still a chain).
   *
   * @param headLastId the id of the last row according to the head
   * @param headHash that row's hash according to the head (the genesis hash for an empty log)
   */
  public ChainVerification finish(long headLastId, byte[] headHash) {
    if (broken != null) {
      return broken;
    }
    String last = ChangeChain.hex(previous);
    String head = headHash == null ? "(no hash)" : ChangeChain.hex(headHash);
    if (headLastId > lastId) {
      return new ChainVerification.Broken(
          lastId + 1,
          head,
          "(missing)",
          "the log ends at row "
              + lastId
              + " but its head records "
              + headLastId
              + " rows: "
              + missing(lastId + 1, headLastId)
              + " deleted from the end");
    }
    if (headLastId < lastId) {
      return new ChainVerification.Broken(
          headLastId + 1,
          head,
          last,
          "the head records "
              + headLastId
              + " rows but the log goes on to row "
              + lastId
              + ": rows were added without going through the change log");
    }
    if (!Arrays.equals(previous, headHash)) {
      return new ChainVerification.Broken(
          lastId, head, last, "the head's hash does not match row " + lastId + "'s hash");
    }
    return new ChainVerification.Intact(lastId, last);
  }

  /**
   * Ends the walk when the head row itself is gone: the log can no longer show whether rows were
   * deleted from its end.
   */
  public ChainVerification finishWithoutHead() {
    if (broken != null) {
      return broken;
    }
    return new ChainVerification.Broken(
        lastId,
        "(a head row)",
        "(missing)",
        "the log's head row was deleted, so rows deleted from the end could not be detected");
  }

  private boolean fail(long id, String expected, String found, String problem) {
    broken = new ChainVerification.Broken(id, expected, found, problem);
    return false;
  }

  private static String missing(long first, long last) {
    return first == last ? "row " + first + " is" : "rows " + first + "–" + last + " are";
  }
}
