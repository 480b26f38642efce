package org.classgate.incidents;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The week's alerts and incidents for the Designated Safeguarding Lead, as plain text: counts by
 * kind, the devices and categories behind them, every locked-content and watched-category alert in
 * full, and the incidents opened in the week with their status. Pure: built from records already
 * read.
 */
public final class WeeklySummary {
  /** Devices and categories listed, most alerts first. */
  static final int TOP = 10;

  private WeeklySummary() {}

  /**
   * @param alerts the alerts stamped in {@code [from, to)}
   * @param incidents incidents; only those stamped in {@code [from, to)} are counted
   */
  public static String text(
      String classroom,
      Instant from,
      Instant to,
      ZoneId zone,
      List<Alert> alerts,
      List<Incident> incidents) {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("EEE d MMM yyyy").withZone(zone);
    DateTimeFormatter minute = DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(zone);
    StringBuilder out = new StringBuilder();
    out.append("Weekly safeguarding summary: ")
        .append(classroom)
        .append(", ")
        .append(day.format(from))
        .append(" to ")
        .append(day.format(to.minusMillis(1)))
        .append('\n');

    Map<AlertKind, Integer> byKind = new EnumMap<>(AlertKind.class);
    Map<String, Integer> byDevice = new TreeMap<>();
    Map<String, Integer> byCategory = new TreeMap<>();
    boolean unsynchronised = false;
    for (Alert alert : alerts) {
      byKind.merge(alert.kind(), 1, Integer::sum);
      if (alert.client() != null) {
        byDevice.merge(alert.client(), 1, Integer::sum);
      }
      if (alert.category() != null) {
        byCategory.merge(alert.category(), 1, Integer::sum);
      }
      unsynchronised |= !alert.stamp().synchronised();
    }
    out.append("\nAlerts: ").append(alerts.size()).append('\n');
    for (AlertKind kind : AlertKind.values()) {
      out.append("  ").append(kind.label()).append(": ").append(byKind.getOrDefault(kind, 0));
      out.append('\n');
    }
    top(out, "Devices with most alerts", byDevice);
    top(out, "Categories with most alerts", byCategory);

    out.append("\nLocked-content and watched-category alerts:\n");
    int serious = 0;
    for (Alert alert : alerts) {
      if (alert.kind() == AlertKind.LOCKED_CONTENT
          || alert.kind() == AlertKind.SAFEGUARDING_CATEGORY) {
        out.append("  ")
            .append(minute.format(alert.stamp().wallTime()))
            .append(alert.stamp().synchronised() ? "  " : "? ")
            .append(alert.detail())
            .append('\n');
        serious++;
      }
    }
    if (serious == 0) {
      out.append("  none\n");
    }

    List<Incident> inWeek = new ArrayList<>();
    for (Incident incident : incidents) {
      Instant at = incident.stamp().wallTime();
      if (!at.isBefore(from) && at.isBefore(to)) {
        inWeek.add(incident);
      }
    }
    inWeek.sort(Comparator.comparingLong(incident -> incident.stamp().sequence()));
    out.append("\nIncidents opened: ").append(inWeek.size()).append('\n');
    for (Incident incident : inWeek) {
      out.append("  #")
          .append(incident.id())
          .append(' ')
          .append(minute.format(incident.stamp().wallTime()))
          .append(incident.stamp().synchronised() ? "  " : "? ")
          .append(
              incident.source() == Incident.Source.BUTTON
                  ? "report button (" + incident.pressCount() + " presses)"
                  : incident.description())
          .append(" [")
          .append(incident.status().label())
          .append("]\n");
      unsynchronised |= !incident.stamp().synchronised();
    }
    if (unsynchronised) {
      out.append("\n? recorded before the box's clock was synchronised: the time may be wrong\n");
    }
    return out.toString();
  }

  private static void top(StringBuilder out, String title, Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return;
    }
    out.append(title).append(":\n");
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    sorted.forEach(
        (key, count) -> out.append("  ").append(key).append(": ").append(count).append('\n'));
  }
}
