package org.classgate.sync.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.time.Stamp;

/**
 * The JSON both sides of the payload contract share: writing with jackson-jr (explicit nulls, as
 * the contract shows them), reading into typed values with a {@link MalformedPayload} naming the
 * field for anything else. Stateless and thread-safe.
 */
final class Json {
  /** Nulls are written: the contract spells {@code "review": null}, and absent ≠ unknown. */
  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  /** Duplicate keys are refused (the jackson-jr default): which one a reader keeps is a guess. */
  private static final JSON READER = JSON.std.with(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

  private Json() {}

  /** A map that keeps the contract's field order (readable payloads, stable bytes). */
  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  static byte[] write(Object value) {
    try {
      return WRITER.asBytes(value);
    } catch (IOException e) {
      // Only maps, lists, strings, numbers and booleans are ever written: nothing can fail.
      throw new IllegalStateException("cannot write payload JSON: " + e.getMessage(), e);
    }
  }

  /**
   * {@code text} as it can travel in UTF-8: unchanged, except that a lone UTF-16 surrogate (which
   * UTF-8 cannot encode, and which RFC 8259 §8.2 leaves to the receiver's whim) becomes U+FFFD.
   * Null stays null.
   */
  static String text(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean lone;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
        lone = true;
      } else {
        lone = Character.isLowSurrogate(c);
      }
      if (lone && out == null) {
        out = new StringBuilder(length).append(text, 0, i);
      }
      if (out != null) {
        out.append(lone ? '\uFFFD' : c);
      }
    }
    return out == null ? text : out.toString();
  }

  static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static Map<String, Object> stamp(Stamp stamp) {
    if (stamp == null) {
      return null;
    }
    Map<String, Object> out = object();
    out.put("seq", stamp.sequence());
    out.put("bootId", text(stamp.bootId()));
    out.put("monotonicNanos", stamp.monotonicNanos());
    out.put("wallMillis", stamp.wallMillis());
    out.put("synchronised", stamp.synchronised());
    return out;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The payload's top-level object, after checking it is one and has {@code "v": 1}.
   *
   * @throws MalformedPayload if it is not a JSON object of version 1
   */
  static Map<String, Object> read(byte[] payload, String kind) throws MalformedPayload {
    Object parsed;
    try (JsonParser parser = READER.createParser(payload)) {
      parsed = READER.anyFrom(parser);
      // One object per payload: anything after it is not this contract's payload.
      if (parser.nextToken() != null) {
        throw new MalformedPayload(kind + " payload has content after its object");
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedPayload(kind + " payload is not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new MalformedPayload(kind + " payload is not a JSON object");
    }
    Map<String, Object> object = cast(map);
    long version = number(object, "v");
    if (version != 1) {
      throw new MalformedPayload(kind + " payload has version " + version + ", this reads 1");
    }
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  static long number(Map<String, Object> object, String field) throws MalformedPayload {
    Object value = object.get(field);
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw new MalformedPayload("'" + field + "' is not an integer: " + value);
  }

  static boolean bool(Map<String, Object> object, String field) throws MalformedPayload {
    if (object.get(field) instanceof Boolean value) {
      return value;
    }
    throw new MalformedPayload("'" + field + "' is not true or false");
  }

  /** A string field, which may be null; absent is malformed (the contract writes every field). */
  static String string(Map<String, Object> object, String field) throws MalformedPayload {
    if (!object.containsKey(field)) {
      throw new MalformedPayload("'" + field + "' is missing");
    }
    Object value = object.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new MalformedPayload("'" + field + "' is not a string");
  }

  static String requiredString(Map<String, Object> object, String field) throws MalformedPayload {
    String value = string(object, field);
    if (value == null) {
      throw new MalformedPayload("'" + field + "' is null");
    }
    return value;
  }

  static Instant instant(Map<String, Object> object, String field) throws MalformedPayload {
    String text = string(object, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedPayload("'" + field + "' is not an ISO-8601 instant: " + text);
    }
  }

  /** An object field, which may be null. */
  static Map<String, Object> objectOrNull(Map<String, Object> object, String field)
      throws MalformedPayload {
    Object value = object.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      return cast(map);
    }
    throw new MalformedPayload("'" + field + "' is not an object");
  }

  /** The objects of an array field (absent or null: none). */
  static List<Map<String, Object>> objects(Map<String, Object> object, String field)
      throws MalformedPayload {
    Object value = object.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new MalformedPayload("'" + field + "' is not an array");
    }
    List<Map<String, Object>> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map)) {
        throw new MalformedPayload("'" + field + "' holds something other than objects");
      }
      out.add(cast(map));
    }
    return out;
  }

  static Stamp stamp(Map<String, Object> object, String field) throws MalformedPayload {
    Map<String, Object> stamp = objectOrNull(object, field);
    if (stamp == null) {
      return null;
    }
    return new Stamp(
        number(stamp, "seq"),
        requiredString(stamp, "bootId"),
        number(stamp, "monotonicNanos"),
        number(stamp, "wallMillis"),
        bool(stamp, "synchronised"));
  }
}
