package org.classgate.devices;

import java.util.Objects;

/**
 * What one device class gets: how far its traffic may go and which filtering profile its DNS
 * queries are answered with. Immutable.
 *
 * @param access the network access of an approved device of the class; non-null
 * @param profile the name of a configured filtering profile; non-blank
 */
public record ClassRule(NetworkAccess access, String profile) {
  public ClassRule {
    Objects.requireNonNull(access, "access");
    if (profile == null || profile.isBlank()) {
      throw new IllegalArgumentException("a class rule needs a profile");
    }
  }
}
