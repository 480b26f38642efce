package org.classgate.hub;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing the hub refused: an envelope, an enrolment or a key rotation. Immutable.
 *
 * @param at when
 * @param box the box the request named, or null if it named none readable
 * @param reason a short machine word ({@code bad-signature}, {@code removed}, …), also the answer's
 *     {@code error}
 * @param detail what exactly was wrong, for the log
 */
public record Refusal(Instant at, UUID box, String reason, String detail) {
  public Refusal {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** An enum constant as a reason word: {@code WRONG_SIGNER} → {@code wrong-signer}. */
  public static String word(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
