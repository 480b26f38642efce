package org.classgate.dns.pipeline;

import java.net.InetAddress;
import org.classgate.dns.Profile;

/**
 * Decides which filtering profile a client gets. The device registry will map source address →
 * device → class → profile; until a client is known it gets the default profile.
 */
@FunctionalInterface
public interface ClientProfiles {
  /** Never null: an unknown client gets the default profile. Must be thread-safe. */
  Profile profileFor(InetAddress client);
}
