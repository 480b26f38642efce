package org.classgate.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ProfileConfig;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ProfileEntryTable;

/** Builds every profile's allow and deny entries from the configuration and the locked lists. */
final class ProfileEntryTables {
  private ProfileEntryTables() {}

  /**
   * The profiles' entries, with allow entries that a locked list covers refused (see {@link
   * ProfileEntryTable#refused()}).
   */
  static ProfileEntryTable build(ApplianceConfig config, DomainSet locked) {
    Map<String, List<Name>> allow = new LinkedHashMap<>();
    Map<String, List<Name>> deny = new LinkedHashMap<>();
    for (Map.Entry<String, ProfileConfig> profile : config.profiles().entrySet()) {
      allow.put(profile.getKey(), names(profile.getValue().allow()));
      deny.put(profile.getKey(), names(profile.getValue().deny()));
    }
    return ProfileEntryTable.of(allow, deny, name -> locked.match(name) != 0);
  }

  private static List<Name> names(List<String> entries) {
    return entries.stream().map(ProfileEntryTables::name).toList();
  }

  private static Name name(String entry) {
    try {
      return Name.of(entry);
    } catch (WireFormatException e) {
      // The configuration normalised every entry already: this is a bug, not a user error.
      throw new IllegalStateException("a normalised entry is not a name: " + entry, e);
    }
  }
}
