package org.classgate.app;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.FetchResult;
import org.classgate.filter.sources.SourceDownloader;
import org.classgate.filter.sources.UpdateSchedule;
import org.tinylog.TaggedLogger;

/**
 * Keeps the lists up to date: on a schedule ({@link UpdateSchedule}) it fetches every download
 * again (conditionally) and checks the files on disk, and if anything changed builds a whole new
 * {@link ListSnapshot} off to the side and swaps it in atomically. A failed rebuild keeps the
 * current snapshot whole and says so in its problems until an update succeeds; a failed download
 * keeps its previous copy and says so too. After a swap the old sets are garbage: the collector is
 * asked to run then, so the heap shrinks back rather than keeping two sets' worth committed.
 *
 * <p>Thread-safe: updates run one at a time, on the timer's thread or a caller's.
 */
final class ListUpdater implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** What an update did. */
  enum Result {
    /** Nothing changed; the sets stay (reports and problems are refreshed). */
    UNCHANGED,
    /** A new snapshot was built and swapped in. */
    SWAPPED,
    /** A rebuild failed: the current snapshot stays, with the failure among its problems. */
    FAILED
  }

  /** Runs a task after a delay. The box's runs them on one daemon thread; tests step a fake. */
  interface Timer extends AutoCloseable {
    void schedule(Duration delay, Runnable task);

    @Override
    void close();

    /** One daemon thread; a task that throws is logged and never kills the thread. */
    static Timer daemon() {
      ScheduledExecutorService executor =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "classgate-list-updates");
                thread.setDaemon(true);
                thread.setPriority(Thread.NORM_PRIORITY - 1);
                return thread;
              });
      return new Timer() {
        @Override
        public void schedule(Duration delay, Runnable task) {
          if (!executor.isShutdown()) {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          }
        }

        @Override
        public void close() {
          executor.shutdownNow();
        }
      };
    }
  }

  private final FilterLists lists;
  private final ListBuild build;
  private final SourceDownloader downloader;
  private final List<Download> downloads;
  private final UpdateSchedule schedule;
  private final Timer timer;
  private final RandomGenerator random;
  private final SourceStatus status;
  private final Runnable afterSwap;
  private int failures;
  private volatile boolean closed;

  /**
   * @param afterSwap run after each swap, e.g. {@code System::gc}
   */
  ListUpdater(
      FilterLists lists,
      ListBuild build,
      SourceDownloader downloader,
      List<Download> downloads,
      UpdateSchedule schedule,
      Timer timer,
      RandomGenerator random,
      SourceStatus status,
      Runnable afterSwap) {
    this.lists = lists;
    this.build = build;
    this.downloader = downloader;
    this.downloads = List.copyOf(downloads);
    this.schedule = schedule;
    this.timer = timer;
    this.random = random;
    this.status = status;
    this.afterSwap = afterSwap;
  }

  /** Writes the current status and schedules the first update (sooner if a source is missing). */
  void start() {
    status.write(lists.snapshot());
    boolean missing = lists.snapshot().missingSomething();
    failures = missing ? 1 : 0;
    timer.schedule(missing ? schedule.next(1, random) : schedule.first(random), this::run);
  }

  private void run() {
    if (closed) {
      return;
    }
    try {
      updateNow();
    } catch (RuntimeException e) {
      failures++;
      LOG.error("list update failed unexpectedly: {}", e.toString());
    } finally {
      if (!closed) {
        Duration next = schedule.next(failures, random);
        LOG.debug("next list update in {}", next);
        timer.schedule(next, this::run);
      }
    }
  }

  /** Runs one update now and returns what it did. */
  synchronized Result updateNow() {
    Map<URI, FetchResult> fetched = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    boolean downloaded = false;
    boolean fetchFailed = false;
    for (Download download : downloads) {
      FetchResult result = downloader.fetch(download);
      fetched.put(download.uri(), result);
      downloaded |= result.status() == FetchResult.Status.DOWNLOADED;
      if (result.failed()) {
        fetchFailed = true;
        if (result.copy() != null) {
          problems.add(
              result.detail() + "; still using the copy fetched at " + result.copy().fetched());
        }
      }
    }
    ListSnapshot current = lists.snapshot();
    Result result;
    if (!downloaded && !ListBuild.changed(current)) {
      lists.swap(current.withStatus(withFetches(current.sources(), fetched), problems));
      result = Result.UNCHANGED;
    } else {
      try {
        ListSnapshot next = build.build(fetched, false, current.domains().size());
        lists.swap(next.withStatus(next.sources(), problems));
        current = null; // the old sets may go now
        afterSwap.run();
        result = Result.SWAPPED;
        LOG.info("lists updated: {} blocked domains", next.domains().size());
      } catch (ListLoadException | RuntimeException e) {
        String problem =
            "list update failed ("
                + e.getMessage()
                + "): still filtering with the lists built at "
                + lists.snapshot().built();
        LOG.error(problem);
        problems.add(problem);
        ListSnapshot kept = lists.snapshot();
        lists.swap(kept.withStatus(withFetches(kept.sources(), fetched), problems));
        result = Result.FAILED;
      }
    }
    boolean failed = result == Result.FAILED || fetchFailed || lists.snapshot().missingSomething();
    failures = failed ? failures + 1 : 0;
    status.write(lists.snapshot());
    return result;
  }

  /** The reports with each download's latest fetch result. */
  private static List<SourceReport> withFetches(
      List<SourceReport> reports, Map<URI, FetchResult> fetched) {
    List<SourceReport> updated = new ArrayList<>();
    for (SourceReport report : reports) {
      int hash = report.source().indexOf('#');
      String location = hash < 0 ? report.source() : report.source().substring(0, hash);
      FetchResult result = fetched.get(safeUri(location));
      updated.add(
          result == null
              ? report
              : report.withFetch(
                  result.copy() == null ? report.fetched() : result.copy().fetched(),
                  result.detail()));
    }
    return updated;
  }

  private static URI safeUri(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.close();
  }
}
