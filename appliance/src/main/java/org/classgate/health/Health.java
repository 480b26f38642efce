package org.classgate.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tinylog.TaggedLogger;

/**
 * Collects the box's current problems from named sources and decides its {@link BoxState}: {@link
 * BoxState#STARTING} until {@link #started()}, then {@link BoxState#FAULT} if any source reports a
 * fault, {@link BoxState#DEGRADED} if any reports a warning, else {@link BoxState#HEALTHY}. A
 * source is asked afresh at every {@link #check()}, so problems clear themselves when fixed.
 *
 * <p>A source that throws is itself a problem (a warning naming it): a broken check must neither
 * hide the others nor make the box look healthy by crashing the caller. Thread-safe.
 */
public final class Health {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("health");

  private final Map<String, Supplier<List<Problem>>> sources = new LinkedHashMap<>();
  private volatile boolean started;

  /**
   * Adds a source of problems. The supplier is called from whichever thread checks the health; it
   * must be thread-safe, quick (no network) and return a non-null list.
   *
   * @throws IllegalArgumentException if {@code source} is already registered
   */
  public synchronized void register(String source, Supplier<List<Problem>> problems) {
    if (sources.putIfAbsent(source, problems) != null) {
      throw new IllegalArgumentException("health source '" + source + "' is registered twice");
    }
  }

  /**
   * Adds a source that reports plain messages, each a problem of {@code severity} (for parts that
   * expose {@code List<String> problems()}).
   */
  public void registerMessages(
      String source, Severity severity, Supplier<? extends List<String>> messages) {
    register(
        source,
        () -> {
          List<Problem> problems = new ArrayList<>();
          for (String message : messages.get()) {
            problems.add(new Problem(source, severity, message));
          }
          return problems;
        });
  }

  /** The start has finished: the state follows the problems from now on. */
  public void started() {
    started = true;
  }

  /**
   * The state, asked at most once per {@code maxAge} and remembered in between: for callers that
   * look many times a second (the LED), so the sources are not.
   */
  public Supplier<BoxState> stateAtMostEvery(
      java.time.Duration maxAge, java.util.function.LongSupplier nanoTime) {
    long maxAgeNanos = maxAge.toNanos();
    return new Supplier<>() {
      private BoxState state;
      private long checkedAt;

      @Override
      public synchronized BoxState get() {
        long now = nanoTime.getAsLong();
        if (state == null || now - checkedAt >= maxAgeNanos) {
          state = check().state();
          checkedAt = now;
        }
        return state;
      }
    };
  }

  /** Asks every source now. */
  public HealthReport check() {
    Map<String, Supplier<List<Problem>>> current;
    synchronized (this) {
      current = new LinkedHashMap<>(sources);
    }
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<String, Supplier<List<Problem>>> source : current.entrySet()) {
      try {
        problems.addAll(source.getValue().get());
      } catch (RuntimeException e) {
        LOG.warn("health check '{}' failed: {}", source.getKey(), e.toString());
        problems.add(
            Problem.warning(source.getKey(), "its health check failed: " + e.getMessage()));
      }
    }
    // Stable sort: faults first, otherwise in registration order.
    problems.sort(Comparator.comparing(problem -> problem.severity() != Severity.FAULT));
    return new HealthReport(stateOf(problems), problems);
  }

  private BoxState stateOf(List<Problem> problems) {
    if (!started) {
      return BoxState.STARTING;
    }
    BoxState state = BoxState.HEALTHY;
    for (Problem problem : problems) {
      if (problem.severity() == Severity.FAULT) {
        return BoxState.FAULT;
      }
      state = BoxState.DEGRADED;
    }
    return state;
  }
}
