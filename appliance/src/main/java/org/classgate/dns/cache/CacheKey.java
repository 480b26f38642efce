package org.classgate.dns.cache;

import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;

/**
 * What makes two queries share a cached answer: the question (name compared ignoring ASCII case,
 * RFC 4343) and the client traits that change the answer's bytes. DO decides whether DNSSEC records
 * are included (RFC 3225 §3), CD whether the upstream validated (RFC 4035 §3.2.2), and whether the
 * client sent EDNS at all decides whether the answer carries an OPT record (RFC 6891 §7). Immutable
 * and thread-safe.
 */
final class CacheKey {
  private static final int EDNS = 1;
  private static final int DNSSEC_OK = 2;
  private static final int CHECKING_DISABLED = 4;

  private final Name name;
  private final int type;
  private final int dnsClass;
  private final int traits;
  private final int hash;

  private CacheKey(Name name, int type, int dnsClass, int traits) {
    this.name = name;
    this.type = type;
    this.dnsClass = dnsClass;
    this.traits = traits;
    // Name.hashCode ignores case, so a key built from a 0x20-randomised name hashes the same.
    this.hash = ((name.hashCode() * 31 + type) * 31 + dnsClass) * 8 + traits;
  }

  /**
   * The key for a parsed query with exactly one question. Keeps the query's name as sent: equality
   * ignores case, so no lower-cased copy is needed on the lookup path.
   */
  static CacheKey of(Message query) {
    Question question = query.question();
    Edns edns = query.edns();
    int traits = 0;
    if (edns != null) {
      traits |= EDNS;
      if (edns.dnssecOk()) {
        traits |= DNSSEC_OK;
      }
    }
    if (Flags.isSet(query.flags(), Flags.CD)) {
      traits |= CHECKING_DISABLED;
    }
    return new CacheKey(question.name(), question.type(), question.dnsClass(), traits);
  }

  /** The same key with the name lower-cased, for storing (the stored key outlives the query). */
  CacheKey normalised() {
    return new CacheKey(name.toLowerCase(), type, dnsClass, traits);
  }

  /** Estimated heap taken by the key, for the cache's byte bound. */
  int estimatedBytes() {
    return name.wireLength() + 64;
  }

  int spreadHash() {
    return hash ^ (hash >>> 16);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CacheKey key
        && key.hash == hash
        && key.type == type
        && key.dnsClass == dnsClass
        && key.traits == traits
        && key.name.equals(name);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return name + " type " + type + " class " + dnsClass + " traits " + traits;
  }
}
