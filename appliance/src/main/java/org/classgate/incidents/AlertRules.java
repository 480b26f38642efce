package org.classgate.incidents;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.classgate.activity.QueryRecord;
import org.classgate.dns.Outcome;
import org.classgate.store.StoreException;
import org.classgate.time.TrustedTime;

/**
 * The alert rules for the Designated Safeguarding Lead, applied to DNS decisions:
 *
 * <ul>
 *   <li>any attempt on a locked (illegal-content) list, at once;
 *   <li>any attempt on a watched category (by default self-harm and extremism), at once;
 *   <li>{@code threshold} blocked attempts on another harmful category from one device within
 *       {@code window}.
 * </ul>
 *
 * A browser asks for a name several times (A, AAAA, HTTPS records, retries), so the same alert
 * (kind, device, category, name) is raised once per {@code window}; the repeated-blocks alert for a
 * device and category likewise. Button presses raise their alert with the incident ({@link
 * IncidentStore#createFromPress}). Not thread-safe: {@link AlertFeed} calls it from one thread.
 */
public final class AlertRules {
  /** Remembered devices × categories and raised alerts, beyond which old ones are forgotten. */
  static final int MAX_TRACKED = 10_000;

  /**
   * @param watchedMask categories alerted at once
   * @param harmfulMask categories whose repeated blocks are alerted
   * @param threshold blocked attempts that make a repeated-blocks alert
   * @param window the time those attempts fall within, and the quiet time after an alert
   */
  public record Settings(int watchedMask, int harmfulMask, int threshold, Duration window) {}

  private final Settings settings;
  private final IntFunction<List<String>> categoryNames;
  private final TrustedTime time;
  private final LongSupplier nanoTime;
  private final long windowNanos;

  /** (client, category bit) → times of recent blocks. */
  private final Map<String, ArrayDeque<Long>> blocks = new HashMap<>();

  /** Alert key → when it was last raised. */
  private final Map<String, Long> raised = new HashMap<>();

  public AlertRules(
      Settings settings,
      IntFunction<List<String>> categoryNames,
      TrustedTime time,
      LongSupplier nanoTime) {
    this.settings = settings;
    this.categoryNames = categoryNames;
    this.time = time;
    this.nanoTime = nanoTime;
    this.windowNanos = settings.window().toNanos();
  }

  /** Whether a record can raise an alert at all: the hot path's cheap filter. */
  public boolean concerns(QueryRecord record) {
    return record.outcome() == Outcome.LOCKED
        || (record.categories() & (settings.watchedMask() | settings.harmfulMask())) != 0;
  }

  /** The alerts {@code record} raises now (often none). */
  public List<Alert> evaluate(QueryRecord record) throws StoreException {
    long now = nanoTime.getAsLong();
    List<Alert> alerts = new ArrayList<>();
    String client = record.client().getHostAddress();
    String name = displayName(record);
    if (record.outcome() == Outcome.LOCKED) {
      String category = String.join(",", names(record.categories()));
      if (firstIn(now, "locked|" + client + "|" + name)) {
        alerts.add(
            alert(
                AlertKind.LOCKED_CONTENT,
                record,
                category,
                name,
                client + " tried to reach " + name + ", on a locked (illegal-content) list"));
      }
    }
    int watched = record.categories() & settings.watchedMask();
    for (String category : names(watched)) {
      if (firstIn(now, "watched|" + client + "|" + category + "|" + name)) {
        alerts.add(
            alert(
                AlertKind.SAFEGUARDING_CATEGORY,
                record,
                category,
                name,
                client + " asked for " + name + " (" + category + "), " + verb(record.outcome())));
      }
    }
    int harmful = record.categories() & settings.harmfulMask() & ~settings.watchedMask();
    if (record.outcome() == Outcome.BLOCKED && harmful != 0) {
      for (int bits = harmful; bits != 0; bits &= bits - 1) {
        int bit = Integer.lowestOneBit(bits);
        String category = String.join(",", names(bit));
        ArrayDeque<Long> recent =
            blocks.computeIfAbsent(client + "|" + bit, key -> new ArrayDeque<>());
        recent.addLast(now);
        while (now - recent.peekFirst() >= windowNanos) {
          recent.removeFirst();
        }
        if (recent.size() >= settings.threshold()
            && firstIn(now, "repeated|" + client + "|" + bit)) {
          alerts.add(
              alert(
                  AlertKind.REPEATED_BLOCKS,
                  record,
                  category,
                  name,
                  client
                      + " was blocked "
                      + recent.size()
                      + " times on "
                      + category
                      + " within "
                      + settings.window().toMinutes()
                      + " minutes (last: "
                      + name
                      + ")"));
          recent.clear();
        }
      }
    }
    forgetOld(now);
    return alerts;
  }

  private static String verb(Outcome outcome) {
    return outcome == Outcome.BLOCKED || outcome == Outcome.LOCKED
        ? "blocked"
        : "let through (" + outcome.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  private List<String> names(int mask) {
    return mask == 0 ? List.of() : categoryNames.apply(mask);
  }

  /** True, and remembered, unless the same alert was raised within the window. */
  private boolean firstIn(long now, String key) {
    Long last = raised.get(key);
    if (last != null && now - last < windowNanos) {
      return false;
    }
    raised.put(key, now);
    return true;
  }

  private void forgetOld(long now) {
    if (raised.size() > MAX_TRACKED) {
      raised.values().removeIf(last -> now - last >= windowNanos);
    }
    if (blocks.size() > MAX_TRACKED) {
      for (Iterator<ArrayDeque<Long>> it = blocks.values().iterator(); it.hasNext(); ) {
        ArrayDeque<Long> recent = it.next();
        if (recent.isEmpty() || now - recent.peekLast() >= windowNanos) {
          it.remove();
        }
      }
    }
  }

  private Alert alert(
      AlertKind kind, QueryRecord record, String category, String name, String detail)
      throws StoreException {
    return new Alert(
        time.now(),
        kind,
        record.client().getHostAddress(),
        record.deviceId(),
        category.isEmpty() ? null : category,
        name,
        0,
        detail);
  }

  /**
   * The name as staff read it: escaped presentation form without the root's trailing dot; null for
   * a query that could not be parsed.
   */
  private static String displayName(QueryRecord record) {
    if (record.name() == null) {
      return null;
    }
    String text = record.name().toString();
    return text.length() > 1 && text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }
}
