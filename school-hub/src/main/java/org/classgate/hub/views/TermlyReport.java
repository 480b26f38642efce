package org.classgate.hub.views;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.ActivitySummaryPayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.sync.payload.MalformedPayload;

/**
 * The school-wide termly report for governors: counts only, by month, with no classroom, device,
 * pupil or site named (anonymised). Blocked and allowed decisions and blocks per category come from
 * ACTIVITY_SUMMARY records (already per pseudonymised device and day); incidents from the latest
 * INCIDENT record of each incident, by the month it occurred and its origin. Not thread-safe: one
 * per request.
 */
final class TermlyReport {
  /** ACTIVITY_SUMMARY records read per query (each a few hundred bytes). */
  static final int PAGE = 2000;

  /** INCIDENT records per query (each may carry a snapshot of megabytes). */
  static final int INCIDENT_PAGE = 16;

  private final LocalDate from;
  private final LocalDate to;
  private final List<YearMonth> months = new ArrayList<>();

  /**
   * @param from the first day, inclusive
   * @param to the last day, inclusive; not before {@code from}
   */
  TermlyReport(LocalDate from, LocalDate to) {
    this.from = from;
    this.to = to;
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      months.add(m);
    }
  }

  Map<String, Object> build(HubStore store) throws StoreException {
    long[] allowed = new long[months.size()];
    long[] blocked = new long[months.size()];
    Map<String, long[]> byCategory = new TreeMap<>();
    Set<UUID> classrooms = new HashSet<>();
    HubStore.Position after = null;
    while (true) {
      List<HubStore.BoxRecord> page = store.recordsOfKind(RecordKind.ACTIVITY_SUMMARY, after, PAGE);
      for (HubStore.BoxRecord record : page) {
        ActivitySummaryPayload day;
        try {
          day = ActivitySummaryPayload.decode(record.payload());
        } catch (MalformedPayload e) {
          continue;
        }
        int month = month(day.day());
        if (month < 0) {
          continue;
        }
        classrooms.add(record.box());
        allowed[month] += day.allowed();
        blocked[month] += day.blocked();
        for (Map.Entry<String, Long> category : day.byCategory().entrySet()) {
          byCategory.computeIfAbsent(category.getKey(), k -> new long[months.size()])[month] +=
              category.getValue();
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).position();
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("from", from.toString());
    report.put("to", to.toString());
    report.put("months", months.stream().map(YearMonth::toString).toList());
    report.put("classrooms", classrooms.size());
    report.put("allowed", list(allowed));
    report.put("blocked", list(blocked));
    Map<String, Object> categories = new LinkedHashMap<>();
    byCategory.forEach((name, counts) -> categories.put(name, list(counts)));
    report.put("blockedByCategory", categories);
    report.put("incidents", incidents(store));
    return report;
  }

  private Map<String, Object> incidents(HubStore store) throws StoreException {
    // Latest state per (box, id): a later record of an incident replaces the earlier one.
    Map<String, IncidentPayload> latest = new LinkedHashMap<>();
    HubStore.Position after = null;
    while (true) {
      List<HubStore.BoxRecord> page =
          store.recordsOfKind(RecordKind.INCIDENT, after, INCIDENT_PAGE);
      for (HubStore.BoxRecord record : page) {
        try {
          IncidentPayload incident = IncidentPayload.decode(record.payload());
          latest.put(record.box() + ":" + incident.id(), incident);
        } catch (MalformedPayload e) {
          // not counted: its month and origin are unknown
        }
      }
      if (page.size() < INCIDENT_PAGE) {
        break;
      }
      after = page.get(page.size() - 1).position();
    }
    long[] button = new long[months.size()];
    long[] staff = new long[months.size()];
    Map<String, Long> byStatus = new TreeMap<>();
    for (IncidentPayload incident : latest.values()) {
      var when = incident.occurredAt() != null ? incident.occurredAt() : incident.recordedAt();
      int month = when == null ? -1 : month(LocalDate.ofInstant(when, ZoneOffset.UTC));
      if (month < 0) {
        continue;
      }
      (incident.origin().equals("button") ? button : staff)[month]++;
      byStatus.merge(incident.status(), 1L, Long::sum);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("button", list(button));
    view.put("staff", list(staff));
    view.put("byStatus", byStatus);
    return view;
  }

  /** The index of {@code day}'s month in the report, or -1 if outside it. */
  private int month(LocalDate day) {
    if (day.isBefore(from) || day.isAfter(to)) {
      return -1;
    }
    return months.indexOf(YearMonth.from(day));
  }

  private static List<Long> list(long[] counts) {
    List<Long> list = new ArrayList<>(counts.length);
    for (long count : counts) {
      list.add(count);
    }
    return list;
  }
}
