package org.classgate.console;

import java.util.Optional;

/** Why a site is blocked, for the block page: the filter answers it. Thread-safe. */
@FunctionalInterface
public interface BlockReasons {
  /**
   * The list category that blocks {@code host} for the asking device, if known. {@code host} is
   * hostile text from a Host header: implementations must cope with anything.
   */
  Optional<String> categoryOf(String host, String client);
}
