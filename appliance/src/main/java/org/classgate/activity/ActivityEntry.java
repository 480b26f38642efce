package org.classgate.activity;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.classgate.dns.Outcome;

/**
 * One DNS decision as people read it: immutable, with presentation text and category names.
 *
 * @param time when the decision was made, on the box's wall clock
 * @param synchronised whether {@code time} is trustworthy: false while (or for a boot in which) the
 *     clock was never synchronised, when the wall clock may have been days out
 * @param client the source address of the query
 * @param deviceId the device registry's id for the client, or null if it was not a known device
 * @param profile the filtering profile applied, or null if the client was not identified
 * @param name the question name in escaped presentation form (RFC 4343 §2.1: non-printable bytes as
 *     {@code \DDD}), so it is plain ASCII; {@code org.classgate.dns.wire.Name.of} restores the
 *     exact bytes
 * @param type the question type (QTYPE), e.g. 1 for A
 * @param outcome what happened to the query
 * @param categories the names of the categories that blocked it, empty if none
 */
public record ActivityEntry(
    Instant time,
    boolean synchronised,
    InetAddress client,
    String deviceId,
    String profile,
    String name,
    int type,
    Outcome outcome,
    List<String> categories) {
  public ActivityEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    categories = List.copyOf(categories);
  }
}
