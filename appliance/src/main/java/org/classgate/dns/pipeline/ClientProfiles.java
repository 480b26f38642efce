package org.classgate.dns.pipeline;

import java.net.InetAddress;
import org.classgate.dns.Profile;

/**
 * Decides which filtering profile a client gets: the device registry maps source address → device →
 * class → profile; a client outside the classroom gets the default profile, and an unknown or
 * unapproved device in the classroom gets {@link #QUARANTINE}.
 */
@FunctionalInterface
public interface ClientProfiles {
  /**
   * The profile of clients that must not use the network yet (unknown, waiting for a teacher, or
   * blocked): {@link QuarantineGate} answers them with the box's waiting page. Recognised by
   * identity, not by name, so no configured profile can pass for it; it blocks every category, so a
   * query that reaches the policy stages with it (the box's own names) is filtered as strictly as
   * possible.
   */
  Profile QUARANTINE = new Profile("quarantine", -1);

  /** Never null: an unknown client gets the default profile. Must be thread-safe. */
  Profile profileFor(InetAddress client);
}
