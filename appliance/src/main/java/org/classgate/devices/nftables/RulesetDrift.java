package org.classgate.devices.nftables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares what the kernel holds with what ClassGate put there. Each difference becomes one line a
 * person can act on. Stateless.
 */
final class RulesetDrift {
  private RulesetDrift() {}

  /**
   * Checks a fresh read-back against the renderer's expectations: every chain present with the
   * number of rules written.
   */
  static List<String> againstRendered(RulesetSnapshot actual, Map<String, Integer> rulesPerChain) {
    List<String> problems = new ArrayList<>();
    if (!actual.present()) {
      problems.add("table inet " + NftRuleset.TABLE + " is missing");
      return problems;
    }
    for (Map.Entry<String, Integer> chain : rulesPerChain.entrySet()) {
      List<String> rules = actual.rules().get(chain.getKey());
      if (!actual.chains().containsKey(chain.getKey())) {
        problems.add("chain " + chain.getKey() + " is missing");
      } else if (rules == null || rules.size() != chain.getValue()) {
        problems.add(
            "chain "
                + chain.getKey()
                + " holds "
                + (rules == null ? 0 : rules.size())
                + " rules, "
                + chain.getValue()
                + " were written");
      }
    }
    return problems;
  }

  /**
   * Differences between a baseline (read back right after ClassGate's last full apply) and now, in
   * structure (tables, chains, rules) and in the elements of sets listed in {@code
   * baselineElements}; the other sets are compared with {@code expectedElements}.
   */
  static List<String> between(
      RulesetSnapshot baseline,
      RulesetSnapshot now,
      List<String> baselineElements,
      Map<String, List<String>> expectedElements) {
    List<String> problems = new ArrayList<>();
    if (!now.present()) {
      problems.add("table inet " + NftRuleset.TABLE + " is missing: the firewall is not in force");
      return problems;
    }
    for (Map.Entry<String, Long> table : baseline.tables().entrySet()) {
      Long handle = now.tables().get(table.getKey());
      if (handle == null) {
        problems.add("table " + table.getKey() + " " + NftRuleset.TABLE + " is missing");
      } else if (!handle.equals(table.getValue())) {
        problems.add(
            "table "
                + table.getKey()
                + " "
                + NftRuleset.TABLE
                + " was replaced by something other than ClassGate (handle "
                + table.getValue()
                + " → "
                + handle
                + ")");
      }
    }
    TreeSet<String> chains = new TreeSet<>(baseline.chains().keySet());
    chains.addAll(now.chains().keySet());
    for (String chain : chains) {
      if (!now.chains().containsKey(chain)) {
        problems.add("chain " + chain + " was deleted");
      } else if (!baseline.chains().containsKey(chain)) {
        problems.add("chain " + chain + " was added by hand");
      } else if (!baseline.chains().get(chain).equals(now.chains().get(chain))) {
        problems.add(
            "chain "
                + chain
                + " hook changed: "
                + now.chains().get(chain)
                + " (was "
                + baseline.chains().get(chain)
                + ")");
      } else {
        rules(chain, baseline.rules().get(chain), now.rules().get(chain), problems);
      }
    }
    for (String set : baselineElements) {
      elements(set, baseline.elements().get(set), now.elements().get(set), problems);
    }
    for (Map.Entry<String, List<String>> set : expectedElements.entrySet()) {
      elements(set.getKey(), set.getValue(), now.elements().get(set.getKey()), problems);
    }
    return problems;
  }

  private static void rules(
      String chain, List<String> expected, List<String> actual, List<String> problems) {
    List<String> want = expected == null ? List.of() : expected;
    List<String> have = actual == null ? List.of() : actual;
    if (want.equals(have)) {
      return;
    }
    List<String> missing = new ArrayList<>(want);
    have.forEach(missing::remove);
    List<String> extra = new ArrayList<>(have);
    want.forEach(extra::remove);
    StringBuilder line = new StringBuilder("chain " + chain + " changed:");
    if (!missing.isEmpty()) {
      line.append(' ').append(missing.size()).append(" rule(s) deleted");
    }
    if (!extra.isEmpty()) {
      line.append(' ').append(extra.size()).append(" rule(s) added");
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      line.append(" rules reordered");
    }
    problems.add(line.toString());
  }

  private static void elements(
      String set, List<String> expected, List<String> actual, List<String> problems) {
    if (actual == null) {
      problems.add("set " + set + " is missing");
      return;
    }
    TreeSet<String> want = new TreeSet<>(expected == null ? List.of() : expected);
    TreeSet<String> have = new TreeSet<>(actual);
    if (Objects.equals(want, have)) {
      return;
    }
    TreeSet<String> missing = new TreeSet<>(want);
    missing.removeAll(have);
    TreeSet<String> extra = new TreeSet<>(have);
    extra.removeAll(want);
    problems.add(
        "set "
            + set
            + " differs: missing "
            + shortList(missing)
            + ", unexpected "
            + shortList(extra));
  }

  private static String shortList(TreeSet<String> items) {
    if (items.isEmpty()) {
      return "none";
    }
    List<String> shown = new ArrayList<>(items).subList(0, Math.min(5, items.size()));
    return shown + (items.size() > 5 ? " and " + (items.size() - 5) + " more" : "");
  }
}
