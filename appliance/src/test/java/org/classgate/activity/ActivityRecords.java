package org.classgate.activity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;

/** Builds query records for activity tests. */
public final class ActivityRecords {
  /** Bit 0 is gambling, bit 1 games, as a configuration with those two lists would have it. */
  public static final CategoryNames CATEGORIES =
      mask -> {
        List<String> names = new ArrayList<>();
        if ((mask & 1) != 0) {
          names.add("gambling");
        }
        if ((mask & 2) != 0) {
          names.add("games");
        }
        return names;
      };

  private ActivityRecords() {}

  public static QueryRecord record(long nanos, String client, String name, Outcome outcome) {
    return record(nanos, client, null, name, outcome, outcome.isFiltered() ? 1 : 0);
  }

  public static QueryRecord record(
      long nanos, String client, String device, String name, Outcome outcome, int categories) {
    try {
      return new QueryRecord(
          nanos,
          InetAddress.getByName(client),
          device,
          "pupil",
          Name.of(name),
          1,
          outcome,
          categories,
          250_000);
    } catch (UnknownHostException | WireFormatException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
