package org.classgate.activity;

import java.time.LocalDate;
import org.classgate.dns.Outcome;

/**
 * One line of the daily statistics: how many decisions a device had on a local day, per category
 * and outcome. Immutable.
 *
 * @param device the device id, or the client address while the device was unknown
 * @param category the category name; empty for decisions no category matched
 */
public record DailyCount(
    LocalDate day, String device, String category, Outcome outcome, long count) {
  /** This count with its device replaced by its pseudonym, for anything that leaves the box. */
  public DailyCount pseudonymised(DevicePseudonyms pseudonyms) {
    return new DailyCount(day, pseudonyms.of(device), category, outcome, count);
  }
}
