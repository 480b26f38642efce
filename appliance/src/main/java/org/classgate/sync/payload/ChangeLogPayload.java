package org.classgate.sync.payload;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A CHANGE_LOG record (kind 3): one hash-chained row of the filtering change-control log.
 *
 * <p>Beyond the contract's summary fields ({@code subject}, {@code detail}, {@code until}), the
 * row's own fields {@code before}, {@code after}, {@code reason} and {@code approvedBy} travel
 * exactly as stored, so the hub can recompute every row's hash from {@code previousHash} and so
 * anchor the box's chain (a later rewrite on the box then disagrees with the hub's copy). They are
 * cut only if a row would not fit {@link Payloads#MAX_BYTES} (megabytes of configuration), and
 * {@code truncated} then says the hub cannot recompute that row's hash. Immutable.
 *
 * @param index the row's position in the log: 1, 2, 3 … without gaps
 * @param at when the change was made (nanosecond precision, as hashed)
 * @param action e.g. {@code allowance.create}, {@code config.change}
 * @param subject what was changed: an allowance's domain, a configuration item; null if none
 * @param detail one line for staff: the reason given
 * @param until when the change ends by itself (an allowance's expiry), or null
 * @param hash the row's chain hash, lower-case hex
 * @param previousHash the previous row's hash (64 zeros for row 1)
 * @param approvedBy who approved the change, or null
 * @param truncated whether a text was cut to fit
 */
public record ChangeLogPayload(
    long index,
    Instant at,
    String actor,
    String action,
    String subject,
    String detail,
    Instant until,
    String hash,
    String previousHash,
    String before,
    String after,
    String reason,
    String approvedBy,
    boolean truncated) {
  static final String KIND = "CHANGE_LOG";

  public ChangeLogPayload {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(previousHash, "previousHash");
  }

  /** The contract's JSON, at most {@link Payloads#MAX_BYTES}. */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = Payloads.versioned();
          object.put("index", index);
          object.put("at", Json.instant(at));
          object.put("actor", squeeze.text(actor));
          object.put("action", squeeze.text(action));
          object.put("subject", squeeze.text(subject));
          object.put("detail", squeeze.text(detail));
          object.put("until", Json.instant(until));
          object.put("hash", hash);
          object.put("previousHash", previousHash);
          object.put("before", squeeze.text(before));
          object.put("after", squeeze.text(after));
          object.put("reason", squeeze.text(reason));
          object.put("approvedBy", squeeze.text(approvedBy));
          object.put("truncated", truncated || squeeze != Squeeze.NONE);
          return object;
        });
  }

  /** Reads a CHANGE_LOG payload. */
  public static ChangeLogPayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    return new ChangeLogPayload(
        Json.number(object, "index"),
        Json.instant(object, "at"),
        Json.string(object, "actor"),
        Json.string(object, "action"),
        Json.string(object, "subject"),
        Json.string(object, "detail"),
        Json.instant(object, "until"),
        Json.requiredString(object, "hash"),
        Json.requiredString(object, "previousHash"),
        optional(object, "before"),
        optional(object, "after"),
        optional(object, "reason"),
        optional(object, "approvedBy"),
        object.containsKey("truncated") && Json.bool(object, "truncated"));
  }

  private static String optional(Map<String, Object> object, String field) throws MalformedPayload {
    return object.containsKey(field) ? Json.string(object, field) : null;
  }
}
