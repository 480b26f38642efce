package org.classgate.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small text format of the shipped policy resources ({@code taxonomy.properties}, {@code
 * ut1-mapping.properties}): one {@code key = value} per line, blank lines and lines starting with
 * {@code #} ignored, keys and values trimmed. Unlike {@link java.util.Properties} it keeps the
 * file's order (the taxonomy's order is its bit order), rejects a repeated key instead of letting
 * the last one win silently, and has no escapes or continuation lines to get subtly wrong.
 *
 * <p>Each value remembers its line so validation messages can point at it. Immutable.
 */
final class KeyValueText {
  /** A value and the 1-based line it was on. */
  record Value(String text, int line) {}

  private final String source;
  private final Map<String, Value> values;

  private KeyValueText(String source, Map<String, Value> values) {
    this.source = source;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Reads {@code reader} to the end; does not close it.
   *
   * @param source names the text in messages, e.g. {@code classpath:…/taxonomy.properties}
   * @throws IllegalArgumentException on a line without {@code =}, an empty key or a repeated key;
   *     the message names the source and line
   */
  static KeyValueText read(String source, Reader reader) {
    Map<String, Value> values = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(reader);
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        int equals = trimmed.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException(
              source + ":" + number + ": expected 'key = value', got '" + trimmed + "'");
        }
        String key = trimmed.substring(0, equals).strip();
        Value previous = values.get(key);
        if (previous != null) {
          throw new IllegalArgumentException(
              source
                  + ":"
                  + number
                  + ": key '"
                  + key
                  + "' repeated (first on line "
                  + previous.line()
                  + ")");
        }
        values.put(key, new Value(trimmed.substring(equals + 1).strip(), number));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return new KeyValueText(source, values);
  }

  /**
   * Reads the resource {@code name} next to {@link KeyValueText} (package {@code
   * org.classgate.filter}) as UTF-8.
   *
   * @throws IllegalStateException if the resource is missing (a packaging error)
   */
  static KeyValueText resource(String name) {
    String source = "classpath:org/classgate/filter/" + name;
    try (InputStream in = KeyValueText.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + source);
      }
      return read(source, new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /** The name given to {@link #read}, for messages. */
  String source() {
    return source;
  }

  /** Every key in file order with its value. */
  Map<String, Value> values() {
    return values;
  }

  /** "source:line" of {@code key}'s value, or just the source when the key is absent. */
  String where(String key) {
    Value value = values.get(key);
    return value == null ? source : source + ":" + value.line();
  }
}
