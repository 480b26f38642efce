package org.classgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints leave the database's own connection and run when due, on a connection of their own.
 */
class WalCheckpointerTest {
  @TempDir Path dir;

  /** Writes {@code commits} transactions of {@code bytes} each into a scratch table. */
  private static void write(Database database, int commits, int bytes) throws StoreException {
    database.transaction(
        "creating",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            return statement.execute("CREATE TABLE IF NOT EXISTS scratch (data BLOB)");
          }
        });
    for (int i = 0; i < commits; i++) {
      database.transaction(
          "writing",
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO scratch (data) VALUES (randomblob(?))")) {
              insert.setInt(1, bytes);
              return insert.executeUpdate();
            }
          });
    }
  }

  private static Path wal(Database database) {
    return database.file().resolveSibling(database.file().getFileName() + "-wal");
  }

  @Test
  void commitsNoLongerCheckpointInlineTheCheckpointerDoes() throws Exception {
    try (Database database = Database.open(dir)) {
      long before = Files.size(database.file());
      // 8 MiB in 20 commits: twice SQLite's default 1000-page threshold, fewer commits than make
      // the background checkpoint due, so only an inline checkpoint could have copied it.
      write(database, 20, 400_000);
      assertEquals(before, Files.size(database.file()), "nothing copied into the database file");
      assertTrue(Files.size(wal(database)) > 8_000_000, "all of it in the WAL");
      database.checkpoint();
      assertTrue(Files.size(database.file()) > 8_000_000, "copied by the checkpoint");
    }
  }

  @Test
  void dueAfterAHundredCommitsOrAQuietFifteenMinutes() throws Exception {
    AtomicLong commits = new AtomicLong();
    AtomicLong nanos = new AtomicLong(1_000);
    try (Database database = Database.open(dir)) {
      write(database, 1, 100);
      try (WalCheckpointer checkpointer =
          new WalCheckpointer(database.file(), commits::get, nanos::get)) {
        assertNull(checkpointer.checkpointIfDue(), "no commits");
        nanos.addAndGet(WalCheckpointer.QUIET_NANOS);
        assertNull(checkpointer.checkpointIfDue(), "quiet, but nothing written");

        commits.addAndGet(WalCheckpointer.COMMITS - 1);
        nanos.set(2_000);
        checkpointer.checkpoint(); // the last checkpoint is now
        commits.addAndGet(WalCheckpointer.COMMITS - 1);
        nanos.addAndGet(WalCheckpointer.QUIET_NANOS - 1);
        assertNull(checkpointer.checkpointIfDue(), "99 commits, under fifteen minutes");
        commits.incrementAndGet();
        write(database, 3, 10_000);
        WalCheckpointer.Result result = checkpointer.checkpointIfDue();
        assertNotNull(result, "100 commits");
        assertFalse(result.busy());
        assertTrue(result.walFrames() > 0);
        assertEquals(result.walFrames(), result.copied(), "no reader holds anything back");

        commits.incrementAndGet();
        nanos.addAndGet(WalCheckpointer.QUIET_NANOS - 1);
        assertNull(checkpointer.checkpointIfDue(), "one commit, quiet for under fifteen minutes");
        nanos.incrementAndGet();
        assertNotNull(checkpointer.checkpointIfDue(), "one commit, quiet for fifteen minutes");
      }
    }
  }

  @Test
  void aClosedCheckpointerRefusesQuietly() throws Exception {
    AtomicLong commits = new AtomicLong(WalCheckpointer.COMMITS);
    try (Database database = Database.open(dir)) {
      WalCheckpointer closed = new WalCheckpointer(database.file(), commits::get, () -> 0);
      closed.close();
      assertNull(closed.checkpointIfDue());
      assertThrows(SQLException.class, closed::checkpoint);
    }
    try (Database database = Database.open(dir)) {
      database.close();
      assertThrows(StoreException.class, database::checkpoint);
    }
  }
}
