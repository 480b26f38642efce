package org.classgate.filter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.filter.selftest.Expectation;
import org.classgate.filter.selftest.SelfTestResult;
import org.classgate.filter.selftest.SelfTestRun;
import org.classgate.filter.selftest.SelfTestStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * Self-test runs in SQLite (tables {@code self_test_run} and {@code self_test_result}). A run and
 * its results are written in one durable transaction: it is evidence, so a power cut never leaves
 * half a run. Thread-safe.
 */
public final class SqliteSelfTestStore implements SelfTestStore {
  private final Database database;

  public SqliteSelfTestStore(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public SelfTestRun record(Stamp stamp, String by, List<SelfTestResult> results)
      throws StoreException {
    long failures =
        results.stream().filter(r -> r.outcome() == SelfTestResult.Outcome.FAILED).count();
    long id =
        database.durableTransaction(
            "recording a filtering self-test",
            c -> {
              long runId;
              try (PreparedStatement run =
                  c.prepareStatement(
                      "INSERT INTO self_test_run (seq, boot_id, mono_nanos, wall_millis,"
                          + " synchronised, run_by, failures) VALUES (?, ?, ?, ?, ?, ?, ?)",
                      Statement.RETURN_GENERATED_KEYS)) {
                run.setLong(1, stamp.sequence());
                run.setString(2, stamp.bootId());
                run.setLong(3, stamp.monotonicNanos());
                run.setLong(4, stamp.wallMillis());
                run.setInt(5, stamp.synchronised() ? 1 : 0);
                run.setString(6, by);
                run.setLong(7, failures);
                run.executeUpdate();
                try (ResultSet keys = run.getGeneratedKeys()) {
                  keys.next();
                  runId = keys.getLong(1);
                }
              }
              insertResults(c, runId, results);
              return runId;
            });
    return new SelfTestRun(id, stamp, by, results);
  }

  private static void insertResults(Connection c, long runId, List<SelfTestResult> results)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO self_test_result (run_id, position, check_id, title, profile, name,"
                + " expected, verdict, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < results.size(); i++) {
        SelfTestResult result = results.get(i);
        insert.setLong(1, runId);
        insert.setInt(2, i);
        insert.setString(3, result.checkId());
        insert.setString(4, result.title());
        insert.setString(5, result.profile());
        insert.setString(6, result.name());
        insert.setString(7, result.expected() == null ? null : result.expected().name());
        insert.setString(8, result.verdict());
        insert.setString(9, result.outcome().label());
        insert.setString(10, result.detail());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public List<SelfTestRun> recent(int limit) throws StoreException {
    return database.transaction(
        "reading filtering self-tests",
        c -> {
          Map<Long, Object[]> runs = new LinkedHashMap<>();
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT id, seq, boot_id, mono_nanos, wall_millis, synchronised, run_by"
                      + " FROM self_test_run ORDER BY seq DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                Stamp stamp =
                    new Stamp(
                        rows.getLong(2),
                        rows.getString(3),
                        rows.getLong(4),
                        rows.getLong(5),
                        rows.getInt(6) == 1);
                runs.put(rows.getLong(1), new Object[] {stamp, rows.getString(7)});
              }
            }
          }
          List<SelfTestRun> out = new ArrayList<>();
          for (Map.Entry<Long, Object[]> run : runs.entrySet()) {
            out.add(
                new SelfTestRun(
                    run.getKey(),
                    (Stamp) run.getValue()[0],
                    (String) run.getValue()[1],
                    results(c, run.getKey())));
          }
          return out;
        });
  }

  private static List<SelfTestResult> results(Connection c, long runId) throws SQLException {
    List<SelfTestResult> results = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT check_id, title, profile, name, expected, verdict, outcome, detail"
                + " FROM self_test_result WHERE run_id = ? ORDER BY position")) {
      query.setLong(1, runId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String expected = rows.getString(5);
          results.add(
              new SelfTestResult(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  expected == null ? null : Expectation.valueOf(expected),
                  rows.getString(6),
                  SelfTestResult.Outcome.ofLabel(rows.getString(7)),
                  rows.getString(8)));
        }
      }
    }
    return results;
  }
}
