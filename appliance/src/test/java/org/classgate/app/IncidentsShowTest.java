package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.HostFacts;
import org.classgate.dns.Subnet;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classgate incidents show}: an incident whose snapshot was stored packed (schema 10) and
 * one stored a row per query (before) print the same activity lines.
 */
class IncidentsShowTest {
  private static final Instant NOW = Instant.parse("2025-03-10T10:30:00Z");
  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"));
        }
      };

  @TempDir Path dir;

  private static List<SnapshotEntry> snapshot() {
    List<SnapshotEntry> entries = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(
          new SnapshotEntry(
              NOW.minusSeconds(600 - i * 15L),
              "192.0.2." + (10 + i % 4),
              i % 4 == 3 ? null : "tablet-" + i % 4,
              "pupil",
              i % 5 == 0 ? "bad" + i + ".example" : "www.bbc.co.uk",
              1,
              i % 5 == 0 ? "BLOCKED" : "ALLOWED",
              i % 5 == 0 ? List.of("gambling", "games") : List.of()));
    }
    return entries;
  }

  private static Incident press(long sequence) {
    return new Incident(
        0,
        new Stamp(sequence, "boot-1", sequence, NOW.toEpochMilli(), true),
        Incident.Source.BUTTON,
        "Year 6 Oak",
        1,
        "Report button pressed",
        null,
        null,
        IncidentStatus.NEW);
  }

  @Test
  void packedAndPerRowSnapshotsShowTheSame() throws Exception {
    Path data = dir.resolve("data");
    List<SnapshotEntry> snapshot = snapshot();
    long packed;
    long perRow;
    try (Database database = Database.open(data)) {
      SqliteIncidentStore store =
          new SqliteIncidentStore(database, Outboxes.of(database), Outboxes.pseudonyms(data));
      packed = store.createFromPress(press(1), NOW.minusSeconds(600), NOW, snapshot, "alert");
      perRow = store.createFromPress(press(2), NOW.minusSeconds(600), NOW, List.of(), "alert");
      long id = perRow;
      database.transaction(
          "as schema version 9 stored a snapshot",
          connection -> {
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO incident_activity (incident_id, position, time_millis, client,"
                        + " device_id, profile, name, type, outcome, categories)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
              int position = 0;
              for (SnapshotEntry entry : snapshot) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setLong(3, entry.time().toEpochMilli());
                insert.setString(4, entry.client());
                insert.setString(5, entry.deviceId());
                insert.setString(6, entry.profile());
                insert.setString(7, entry.name());
                insert.setInt(8, entry.type());
                insert.setString(9, entry.outcome());
                insert.setString(10, String.join(",", entry.categories()));
                insert.executeUpdate();
              }
            }
            return null;
          });
    }
    List<String> fromPacked = activityLines(show(data, packed));
    List<String> fromRows = activityLines(show(data, perRow));
    assertEquals(41, fromPacked.size(), String.join("\n", fromPacked));
    assertEquals("  activity snapshot: 40 queries", fromPacked.get(0));
    assertTrue(
        fromPacked.get(1).endsWith(" bad0.example BLOCKED gambling,games"), fromPacked.get(1));
    assertTrue(
        fromPacked.get(2).endsWith(" 192.0.2.11 (tablet-1) www.bbc.co.uk ALLOWED"),
        fromPacked.get(2));
    assertEquals(fromRows, fromPacked);
  }

  private String show(Path data, long id) throws Exception {
    ApplianceConfig config =
        ApplianceConfig.from(
            Map.of("data.dir", data.toString(), "classroom.name", "Year 6 Oak"), HOST);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new IncidentsCommand(
                config,
                new SteppedWallClock(NOW),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(false, List.of("show", String.valueOf(id)));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The snapshot's lines: from "activity snapshot" on. */
  private static List<String> activityLines(String output) {
    List<String> lines = Arrays.asList(output.split("\n"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("  activity snapshot:")) {
        return lines.subList(i, lines.size());
      }
    }
    throw new AssertionError("no activity snapshot in:\n" + output);
  }
}
