package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.wire.Name;
import org.classgate.filter.sources.UpdateSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The updater driven by a stepped fake timer: what runs when, and what a run swaps. */
class ListUpdaterTest {
  @TempDir Path dir;

  /** Records each scheduled delay; the test runs the tasks when it chooses. */
  private static final class SteppedTimer implements ListUpdater.Timer {
    final List<Duration> delays = new ArrayList<>();
    final Deque<Runnable> due = new ArrayDeque<>();

    @Override
    public void schedule(Duration delay, Runnable task) {
      delays.add(delay);
      due.add(task);
    }

    void runNext() {
      due.removeFirst().run();
    }

    @Override
    public void close() {
      due.clear();
    }
  }

  @Test
  void theTimerRunsUpdatesThatSwapOnlyWhatChangedAndBackOffAfterFailures() throws Exception {
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "first.example\n");
    ApplianceConfig config =
        ApplianceConfig.from(
            Map.of(
                "data.dir", dir.resolve("data").toString(),
                "dns.upstream", "192.0.2.1:53",
                "lists.games", list.toString(),
                "sources.update-interval", "1h",
                "sources.update-jitter", "0s"),
            new LinuxHostFacts(dir.resolve("none")));
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    FilterLists lists = FilterLists.load(config, Map.of(), clock, System::nanoTime);
    SteppedTimer timer = new SteppedTimer();
    int[] collections = {0};
    Path status = dir.resolve("status.properties");
    ListUpdater updater =
        new ListUpdater(
            lists,
            FilterLists.builder(config, lists.categories(), clock),
            FilterLists.downloader(config, clock, System::nanoTime),
            FilterLists.downloads(config),
            new UpdateSchedule(Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(30)),
            timer,
            new SplittableRandom(1),
            new SourceStatus(status, clock),
            () -> collections[0]++);
    updater.start();
    assertEquals(List.of(Duration.ofSeconds(1)), timer.delays);
    assertTrue(Files.isRegularFile(status), "the report is written at the start");

    ListSnapshot before = lists.snapshot();
    timer.runNext(); // nothing changed
    assertSame(before.domains(), lists.snapshot().domains());
    assertEquals(Duration.ofHours(1), timer.delays.get(1));

    Files.writeString(list, "second.example\n");
    Files.setLastModifiedTime(list, FileTime.fromMillis(1_000_000));
    timer.runNext();
    assertNotSame(before.domains(), lists.snapshot().domains());
    int games = lists.categories().bit("games");
    assertEquals(games, lists.domains().match(Name.of("second.example")));
    assertEquals(0, lists.domains().match(Name.of("first.example")));
    assertEquals(1, collections[0], "the old set's memory is handed back after the swap");

    Files.delete(list);
    timer.runNext();
    timer.runNext();
    assertEquals(games, lists.domains().match(Name.of("second.example")), "kept after failures");
    assertEquals(
        List.of(
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60)),
        timer.delays);
    List<String> report = new SourceStatus(status, clock).render();
    assertTrue(report.stream().anyMatch(l -> l.contains("list update failed")), report::toString);

    Files.writeString(list, "third.example\n");
    timer.runNext();
    assertEquals(Duration.ofHours(1), timer.delays.get(5), "back to the interval");
    assertTrue(lists.problems().isEmpty(), lists.problems()::toString);
    updater.close();
    assertTrue(timer.due.isEmpty());
  }
}
