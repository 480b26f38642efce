package org.classgate.dns.wire;

/** The question of a message (RFC 1035 §4.1.2). Immutable. */
public record Question(Name name, int type, int dnsClass) {
  public Question {
    if (name == null) {
      throw new IllegalArgumentException("question name is required");
    }
  }

  @Override
  public String toString() {
    return name + " " + RecordType.name(type);
  }
}
