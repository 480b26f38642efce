package org.classgate.testing;

import java.util.Objects;

/**
 * One resource record as {@code dig} prints it: {@code name ttl class type data}.
 *
 * @param name owner name, absolute with the trailing dot as dig prints it (e.g. {@code "a.test."})
 * @param ttl time to live in seconds
 * @param type record type mnemonic in upper case (e.g. {@code "A"}, {@code "CNAME"})
 * @param data the record data exactly as dig prints it (TXT strings keep their quotes)
 */
public record DigRecord(String name, long ttl, String type, String data) {
  /** Validates that no component is null. */
  public DigRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /**
   * Parses one record line of a dig section.
   *
   * @throws IllegalArgumentException if the line does not have the five fields dig prints
   */
  static DigRecord parse(String line) {
    String[] fields = line.trim().split("\\s+", 5);
    if (fields.length < 4) {
      throw new IllegalArgumentException("not a dig record line: '" + line + "'");
    }
    // dig prints "name ttl class type data"; the data is empty for some records (e.g. NULL).
    String data = fields.length == 5 ? fields[4] : "";
    try {
      return new DigRecord(fields[0], Long.parseLong(fields[1]), fields[3], data);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("record line has no numeric TTL: '" + line + "'", e);
    }
  }
}
