package org.classgate.devices.nftables;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the kernel holds of ClassGate's tables, read from {@code nft -j list ruleset} (libnftables
 * JSON schema, libnftables-json(5)): chains with their hooks, each chain's rules as normalised
 * expression text, and each set's or map's elements. Handles and counter values are dropped so that
 * two reads of an unchanged ruleset compare equal. Only the {@code classgate} tables are kept.
 * Immutable.
 *
 * @param tables "family" → the table's handle (a reload gives the table a new handle)
 * @param chains "family chain" → its hook description ("" for a regular chain)
 * @param rules "family chain" → its rules in order
 * @param elements "family set" → its elements, sorted
 */
public record RulesetSnapshot(
    Map<String, Long> tables,
    Map<String, String> chains,
    Map<String, List<String>> rules,
    Map<String, List<String>> elements) {

  public RulesetSnapshot {
    tables = Map.copyOf(tables);
    chains = Map.copyOf(chains);
    rules = Map.copyOf(rules);
    elements = Map.copyOf(elements);
  }

  /**
   * Parses {@code nft -j} output.
   *
   * @throws IOException if it is not the JSON nft writes
   */
  public static RulesetSnapshot parse(String json) throws IOException {
    Map<String, Object> root;
    try {
      root = JSON.std.mapFrom(json);
    } catch (IOException | RuntimeException e) {
      throw new IOException("nft -j printed something that is not JSON: " + e.getMessage(), e);
    }
    if (!(root.get("nftables") instanceof List<?> items)) {
      throw new IOException("nft -j output has no \"nftables\" array");
    }
    Map<String, Long> tables = new LinkedHashMap<>();
    Map<String, String> chains = new LinkedHashMap<>();
    Map<String, List<String>> rules = new LinkedHashMap<>();
    Map<String, List<String>> elements = new LinkedHashMap<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> object) || object.size() != 1) {
        continue;
      }
      Map.Entry<?, ?> entry = object.entrySet().iterator().next();
      if (!(entry.getValue() instanceof Map<?, ?> body)) {
        continue;
      }
      String kind = String.valueOf(entry.getKey());
      String family = String.valueOf(body.get("family"));
      boolean ours =
          NftRuleset.TABLE.equals(kind.equals("table") ? body.get("name") : body.get("table"));
      if (!ours) {
        continue;
      }
      switch (kind) {
        case "table" -> tables.put(family, number(body.get("handle")));
        case "chain" -> {
          String key = family + " " + body.get("name");
          chains.put(key, hook(body));
          rules.putIfAbsent(key, new ArrayList<>());
        }
        case "rule" -> {
          String key = family + " " + body.get("chain");
          rules.computeIfAbsent(key, k -> new ArrayList<>()).add(canonical(body.get("expr")));
        }
        case "set", "map" -> {
          TreeSet<String> sorted = new TreeSet<>();
          if (body.get("elem") instanceof List<?> list) {
            for (Object element : list) {
              sorted.add(element(element));
            }
          }
          elements.put(family + " " + body.get("name"), new ArrayList<>(sorted));
        }
        default -> {
          // metainfo, counters, flowtables …: not part of what ClassGate checks.
        }
      }
    }
    return new RulesetSnapshot(tables, chains, rules, elements);
  }

  /** Whether the snapshot holds ClassGate's inet table at all. */
  public boolean present() {
    return tables.containsKey("inet");
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : -1;
  }

  private static String hook(Map<?, ?> chain) {
    if (chain.get("hook") == null) {
      return "";
    }
    return chain.get("type")
        + " hook "
        + chain.get("hook")
        + " priority "
        + chain.get("prio")
        + " policy "
        + chain.get("policy");
  }

  /**
   * A set element as text: {@code 1.1.1.1}, {@code 45.90.28.0/24}, {@code a-b} for a range, {@code
   * 02:00:5e:00:00:01 : goto full_access} for a verdict map entry.
   */
  static String element(Object element) {
    if (element instanceof List<?> pair && pair.size() == 2) {
      return element(pair.get(0)) + " : " + element(pair.get(1));
    }
    if (element instanceof Map<?, ?> map && map.size() == 1) {
      Map.Entry<?, ?> entry = map.entrySet().iterator().next();
      String key = String.valueOf(entry.getKey());
      Object value = entry.getValue();
      if (key.equals("prefix") && value instanceof Map<?, ?> prefix) {
        return prefix.get("addr") + "/" + prefix.get("len");
      }
      if (key.equals("range") && value instanceof List<?> range && range.size() == 2) {
        return element(range.get(0)) + "-" + element(range.get(1));
      }
      if ((key.equals("goto") || key.equals("jump")) && value instanceof Map<?, ?> target) {
        return key + " " + target.get("target");
      }
      if (key.equals("elem") && value instanceof Map<?, ?> wrapped) {
        return element(wrapped.get("val"));
      }
    }
    return element instanceof String text ? text : canonical(element);
  }

  /** JSON text of a rule's expressions, with counters' changing numbers removed. */
  private static String canonical(Object expr) {
    try {
      return JSON.std.asString(withoutCounts(expr));
    } catch (IOException e) {
      return String.valueOf(expr);
    }
  }

  private static Object withoutCounts(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        copy.put(key, key.equals("counter") ? null : withoutCounts(entry.getValue()));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (Object item : list) {
        copy.add(withoutCounts(item));
      }
      return copy;
    }
    return value;
  }
}
