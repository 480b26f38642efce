package org.classgate.devices.nftables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.classgate.dns.Subnet;

/**
 * The addresses of DNS-over-HTTPS resolvers that the classroom may not reach on port 443: a
 * built-in list of well-known public resolvers (resource {@code doh-resolvers.txt}) or an
 * operator's file of the same format, one address or prefix a line, {@code #} comments. Stateless.
 */
public final class DohAddresses {
  static final String BUILT_IN = "doh-resolvers.txt";

  private DohAddresses() {}

  /** The built-in list. */
  public static List<Subnet> builtIn() {
    try (InputStream in = DohAddresses.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("resource " + BUILT_IN + " missing from the build");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in " + BUILT_IN, e);
    }
  }

  /** The list in {@code file}; a bad line fails the whole file (no half-applied list). */
  public static List<Subnet> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses list text. Duplicates are dropped, order kept.
   *
   * @throws IllegalArgumentException naming the source and line of the first bad entry
   */
  public static List<Subnet> parse(String text, String source) {
    Set<Subnet> addresses = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (entry.isEmpty()) {
        continue;
      }
      try {
        addresses.add(Subnet.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(addresses);
  }
}
