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
  /**
   * The largest payload any encoder writes: 4 MiB, so that an incident's snapshot of ten minutes of
   * a busy classroom travels whole (thirty devices asking once a second: 18,000 decisions, about
   * 2.8 MB of JSON), while half an {@link org.classgate.sync.envelope.EnvelopeLimits#DEFAULT
   * envelope} still holds one. The outbox's per-record limit is set to this ({@link
   * #outboxLimits}).
   */
  public static final int MAX_BYTES = 4 << 20;

  /** The contract's version, in every payload's {@code "v"}. */
  static final int VERSION = 1;

  private Payloads() {}

  /** An outbox bound of {@code maxQueuedBytes} whose per-record limit admits every payload. */
  public static OutboxLimits outboxLimits(long maxQueuedBytes) {
    return new OutboxLimits(maxQueuedBytes, MAX_BYTES);
  }

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
