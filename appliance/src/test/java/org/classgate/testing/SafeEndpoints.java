package org.classgate.testing;

import java.util.Map;

/**
 * Stand-in addresses for the search engines' safe endpoints, served by {@link UnboundUpstream} when
 * its builder is asked for {@link UnboundUpstream.Builder#safeSearchEndpoints()}. Each safe name
 * gets its own address from TEST-NET-3 (RFC 5737) and {@code 2001:db8::/32} (RFC 3849), so a test
 * can tell from the address alone which endpoint an answer came from.
 */
public final class SafeEndpoints {
  /** Safe name (absolute) → its IPv4 stand-in. */
  public static final Map<String, String> IPV4 =
      Map.of(
          "forcesafesearch.google.com.", "203.0.113.1",
          "restrict.youtube.com.", "203.0.113.2",
          "restrictmoderate.youtube.com.", "203.0.113.3",
          "strict.bing.com.", "203.0.113.4",
          "safe.duckduckgo.com.", "203.0.113.5",
          "strict-safe-search.ecosia.org.", "203.0.113.6",
          "forcesafe.search.brave.com.", "203.0.113.7",
          "safesearch.pixabay.com.", "203.0.113.8",
          "familysearch.yandex.ru.", "203.0.113.9");

  /** The safe names that also have an IPv6 stand-in: {@code 2001:db8::N} for 203.0.113.N. */
  public static final Map<String, String> IPV6 =
      Map.of(
          "forcesafesearch.google.com.", "2001:db8::1",
          "familysearch.yandex.ru.", "2001:db8::9");

  /** TTL of every stand-in record. */
  public static final int TTL = 240;

  private SafeEndpoints() {}

  /** The IPv4 stand-in of {@code safeName} (with or without the trailing dot). */
  public static String ipv4(String safeName) {
    String address = IPV4.get(safeName.endsWith(".") ? safeName : safeName + ".");
    if (address == null) {
      throw new IllegalArgumentException("no stand-in for " + safeName + "; known: " + IPV4);
    }
    return address;
  }

  static void addTo(UnboundUpstream.Builder builder) {
    IPV4.forEach((name, address) -> builder.localData(name + " " + TTL + " IN A " + address));
    IPV6.forEach((name, address) -> builder.localData(name + " " + TTL + " IN AAAA " + address));
  }
}
