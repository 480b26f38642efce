package org.classgate.filter.allowance;

import org.classgate.dns.wire.Name;

/**
 * The profiles' deny entries, as {@link Allowances#approve} consults them: a name a profile denies
 * in its configuration is not something a temporary allowance may undo (the deny entry is the
 * stricter, longer-standing decision, and it is changed by editing the profile, which is logged as
 * a configuration change). Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface DenyEntries {
  /** No profile denies anything. */
  DenyEntries NONE = (scope, domain) -> null;

  /**
   * Why {@code domain} cannot be allowed for {@code scope}, or null if no deny entry covers it. For
   * a profile scope only that profile's entries count; a device or the whole classroom may be any
   * profile, so every profile's entries count.
   *
   * @return e.g. {@code "profile pupil's deny entry example.com"}; null if none applies
   */
  String denial(AllowanceScope scope, Name domain);
}
