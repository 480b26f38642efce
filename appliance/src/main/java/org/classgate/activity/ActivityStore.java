package org.classgate.activity;

import java.time.Instant;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * Where the activity log's batches are kept (port; the SQLite adapter is {@code
 * activity.store.SqliteActivityStore}). Each method is one or a few short transactions. Used by the
 * single writer thread; implementations need not support concurrent writers.
 */
public interface ActivityStore {
  /** A new, empty batch under {@code stamp}, packed the way this store keeps it. */
  PackedBatch begin(Stamp stamp);

  /**
   * Stores {@code batch} in one transaction: its decisions and, if its stamp is synchronised, their
   * daily statistics. An unsynchronised batch waits for {@link #rebase} or {@link
   * #settleEndedBoots} to be counted.
   */
  void append(PackedBatch batch) throws StoreException;

  /**
   * Corrects every unsynchronised batch of {@code reference}'s boot with {@link Stamp#rebasedOn}
   * (which corrects their rows, whose times derive from the batch) and adds them to the statistics.
   *
   * @param reference a synchronised stamp of the current boot
   * @return the number of rows corrected
   */
  long rebase(Stamp reference) throws StoreException;

  /**
   * Adds the unsynchronised batches of boots other than {@code currentBoot} to the statistics with
   * their times as recorded: those boots ended before their clock synchronised, so nothing can
   * correct them; they stay flagged unsynchronised.
   *
   * @return the number of rows settled
   */
  long settleEndedBoots(String currentBoot) throws StoreException;

  /**
   * Deletes, in one transaction, the oldest stored decisions made before {@code cutoff}: whole
   * batches, oldest first, until at least {@code maxRows} decisions (or all there are). Statistics
   * are kept. Batches are ordered by sequence, not by wall time: an unsynchronised batch goes with
   * the synchronised batches around it, or by its own (possibly wrong) time if that is older than
   * {@code cutoff}. A batch not yet counted in the statistics is kept until it is.
   *
   * @return the number of decisions deleted; 0 when nothing older remains
   */
  long deleteOlderThan(Instant cutoff, int maxRows) throws StoreException;
}
