package org.classgate.filter.changelog;

import java.util.Objects;

/**
 * A {@link ChangeEntry} as stored in the log: its position and its chain hash. Immutable.
 *
 * @param id the row's position in the log: 1, 2, 3 … without gaps
 * @param entry the change; non-null
 * @param hash the row's SHA-256 chain hash ({@link ChangeChain#link}) in lower-case hex
 */
public record LoggedChange(long id, ChangeEntry entry, String hash) {
  public LoggedChange {
    if (id < 1) {
      throw new IllegalArgumentException("log row ids start at 1, got " + id);
    }
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(hash, "hash");
  }
}
