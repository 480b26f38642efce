package org.classgate.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The box's enrolment with one hub, as persisted. Immutable.
 *
 * @param hubUrl the hub it concerns ({@code sync.hub-url})
 * @param hubPin the hub's TLS key pin ({@code sync.hub-pin}) at the time
 * @param hubKeys the hub's sync keys, fetched over the pinned TLS connection; null until fetched
 * @param status where the box stands
 * @param changedAt when it last changed
 */
public record Enrolment(
    String hubUrl, String hubPin, PartyKeys hubKeys, EnrolmentStatus status, Instant changedAt) {
  public Enrolment {
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(hubPin, "hubPin");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(changedAt, "changedAt");
  }

  /** A box that has not met this hub yet. */
  public static Enrolment fresh(String hubUrl, String hubPin, Instant at) {
    return new Enrolment(hubUrl, hubPin, null, EnrolmentStatus.NONE, at);
  }

  public Enrolment withHubKeys(PartyKeys keys, Instant at) {
    return new Enrolment(hubUrl, hubPin, keys, status, at);
  }

  public Enrolment withStatus(EnrolmentStatus next, Instant at) {
    return new Enrolment(hubUrl, hubPin, hubKeys, next, at);
  }

  /** Whether this is about the hub at {@code url} with TLS key {@code pin}. */
  public boolean concerns(String url, String pin) {
    return hubUrl.equals(url) && hubPin.equals(pin);
  }
}
