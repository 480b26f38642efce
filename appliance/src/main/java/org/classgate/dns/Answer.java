package org.classgate.dns;

/**
 * The reply to one query: the response in wire form (already carrying the client's ID) and the
 * outcome. A null {@code wire} means "send nothing" (rate limited or dropped). Immutable; the array
 * is owned by the answer and must not be changed.
 *
 * @param categories bitmask of the list categories that decided a block, 0 otherwise
 */
public record Answer(byte[] wire, Outcome outcome, int categories) {
  public static Answer of(byte[] wire, Outcome outcome) {
    return new Answer(wire, outcome, 0);
  }

  public static Answer silent(Outcome outcome) {
    return new Answer(null, outcome, 0);
  }
}
