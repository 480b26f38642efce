package org.classgate.app;

import java.util.Locale;
import java.util.Set;
import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/**
 * tinylog set-up. tinylog freezes its configuration at the first log call, so this runs before
 * anything logs; the level is re-validated with every other key afterwards.
 */
final class Logging {
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  private Logging() {}

  static void configure(String level) {
    String chosen = level == null ? "info" : level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(chosen)) {
      chosen = "info";
    }
    if (Configuration.isFrozen()) {
      return;
    }
    Configuration.set("writer", "console");
    Configuration.set("writer.level", chosen);
    // Under systemd, standard output goes to the journal ($JOURNAL_STREAM, systemd.exec(5)),
    // which stamps every line itself: a second date would only make the lines longer.
    Configuration.set(
        "writer.format",
        System.getenv("JOURNAL_STREAM") != null
            ? "{level} [{tag}] {message}"
            : "{date:yyyy-MM-dd HH:mm:ss.SSS} {level} [{tag}] {message}");
    // Written synchronously: the DNS threads log only failures, and a log line is never lost
    // when the process stops. Main's shutdown hook shuts tinylog down after the last words of the
    // stop; tinylog's own hook would race it and drop them.
    Configuration.set("autoshutdown", "false");
  }

  /** Writes out what is queued; called last on shutdown (the writing thread is a daemon). */
  static void flush() {
    try {
      ProviderRegistry.getLoggingProvider().shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
