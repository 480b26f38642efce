package org.classgate.app;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.classgate.store.Database;
import org.classgate.store.StoreException;

/**
 * Opens the database on a thread of its own while the block lists load: the two do not depend on
 * each other, so on a multi-core board the start takes as long as the longer of them, and even on
 * one core the database's disk waits overlap the list parsing.
 */
final class DatabaseOpening {
  private final FutureTask<Database> task;

  private DatabaseOpening(FutureTask<Database> task) {
    this.task = task;
  }

  static DatabaseOpening begin(Path dataDir) {
    FutureTask<Database> task = new FutureTask<>(() -> Database.open(dataDir));
    Thread thread = new Thread(task, "store-open");
    thread.setDaemon(true);
    thread.start();
    return new DatabaseOpening(task);
  }

  /** The open database, or the reason it could not be opened. */
  Database await() throws StoreException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while opening the database", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StoreException store) {
        throw store;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new StoreException("cannot open the database: " + cause, cause);
    }
  }

  /** Closes the database once it is open, for a start that failed elsewhere. */
  void abandon() {
    try {
      await().close();
    } catch (StoreException | RuntimeException e) {
      // The start is already failing for another reason, which is the one to report.
    }
  }
}
