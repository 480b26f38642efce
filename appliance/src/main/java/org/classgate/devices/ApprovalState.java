package org.classgate.devices;

import java.util.Locale;
import java.util.Optional;

/** Where a registered device stands with the teacher. */
public enum ApprovalState {
  /** Seen but not approved yet: reaches only the box's waiting page. */
  QUARANTINED,
  /** Approved into a class: gets that class's access and profile. */
  APPROVED,
  /** Refused by a teacher: no access beyond the box, and it stays refused when seen again. */
  BLOCKED;

  /** The lower-case name used in the database, commands and CSV files. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code name} (case-insensitive), if there is one. */
  public static Optional<ApprovalState> named(String name) {
    for (ApprovalState state : values()) {
      if (state.name().equalsIgnoreCase(name)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return configName();
  }
}
