package org.classgate.testing;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code dig} reported for one query. Immutable.
 *
 * @param status the response code as dig names it ({@code NOERROR}, {@code NXDOMAIN}, {@code
 *     SERVFAIL}, {@code REFUSED}, {@code FORMERR} …), or {@link #NO_RESPONSE} when no reply came
 * @param flags header flags in lower case ({@code qr}, {@code aa}, {@code tc}, {@code rd}, {@code
 *     ra}, {@code ad}, {@code cd})
 * @param answers the answer section in the order dig printed it
 * @param authority the authority section (e.g. the SOA of a negative answer, RFC 2308)
 * @param ednsUdpSize the UDP payload size of the reply's OPT record, empty if it had none
 * @param raw dig's complete output, for assertion messages
 */
public record DigResult(
    String status,
    Set<String> flags,
    List<DigRecord> answers,
    List<DigRecord> authority,
    OptionalInt ednsUdpSize,
    String raw) {

  /** The {@link #status()} when the server sent nothing back before dig gave up. */
  public static final String NO_RESPONSE = "NO_RESPONSE";

  /** Copies the collections so the result stays immutable. */
  public DigResult {
    Objects.requireNonNull(status, "status");
    flags = Set.copyOf(flags);
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    Objects.requireNonNull(ednsUdpSize, "ednsUdpSize");
    Objects.requireNonNull(raw, "raw");
  }

  /** True unless dig timed out or could not reach the server. */
  public boolean responded() {
    return !NO_RESPONSE.equals(status);
  }

  /** True if the reply carried the given header flag (case-insensitive, e.g. {@code "tc"}). */
  public boolean hasFlag(String flag) {
    return flags.contains(flag.toLowerCase(java.util.Locale.ROOT));
  }

  /** The data of every answer record of the given type, in order (e.g. all A addresses). */
  public List<String> answerData(String type) {
    return answers.stream()
        .filter(record -> record.type().equalsIgnoreCase(type))
        .map(DigRecord::data)
        .collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return raw;
  }
}
