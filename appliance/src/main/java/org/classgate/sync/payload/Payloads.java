package org.classgate.sync.payload;

import java.util.Map;
import java.util.function.Function;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.RecordKind;

/**
 * The record payloads of the sync contract (notes/sync-contract.md): one UTF-8 JSON object per
 * record, {@code "v": 1}, written with jackson-jr. Every encoder bounds its output to {@link
 * #MAX_BYTES}, so a record the school must have is never refused by the outbox for its size.
 * Stateless and thread-safe.
 */
public final class Payloads {
  /** The largest payload any encoder writes: the outbox's default per-record limit (1 MiB). */
  public static final int MAX_BYTES = OutboxLimits.DEFAULT.maxRecordBytes();

  /** The contract's version, in every payload's {@code "v"}. */
  static final int VERSION = 1;

  private Payloads() {}

  /**
   * Decodes a payload of {@code kind} into its record: {@link IncidentPayload}, {@link
   * AlertPayload}, {@link ChangeLogPayload}, {@link DeviceChangePayload}, {@link HealthPayload} or
   * {@link ActivitySummaryPayload}.
   *
   * @throws MalformedPayload if the bytes are not that kind's JSON
   */
  public static Object decode(RecordKind kind, byte[] payload) throws MalformedPayload {
    return switch (kind) {
      case INCIDENT -> IncidentPayload.decode(payload);
      case ALERT -> AlertPayload.decode(payload);
      case CHANGE_LOG -> ChangeLogPayload.decode(payload);
      case DEVICE_CHANGE -> DeviceChangePayload.decode(payload);
      case HEALTH -> HealthPayload.decode(payload);
      case ACTIVITY_SUMMARY -> ActivitySummaryPayload.decode(payload);
    };
  }

  /**
   * The JSON of the object {@code build} makes at the first {@link Squeeze} level whose result fits
   * {@link #MAX_BYTES}.
   */
  static byte[] fitting(Function<Squeeze, Map<String, Object>> build) {
    byte[] bytes = null;
    for (Squeeze level : Squeeze.LEVELS) {
      bytes = Json.write(build.apply(level));
      if (bytes.length <= MAX_BYTES) {
        return bytes;
      }
    }
    throw new IllegalStateException(
        "a payload of " + bytes.length + " bytes does not fit " + MAX_BYTES + " even squeezed");
  }

  /** A new object with the version field first. */
  static Map<String, Object> versioned() {
    Map<String, Object> object = Json.object();
    object.put("v", VERSION);
    return object;
  }
}
