package org.classgate.filter;

import org.classgate.dns.wire.DnsReader;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;

/**
 * Finds the names an answer leads a client to through aliases, straight from its wire form, and
 * matches them against the locked set and the category set: the target of every CNAME and DNAME
 * record in the answer section, and the question name rewritten by each DNAME that applies to it.
 *
 * <p>It walks only the answer section's record headers (owner names are skipped, not built) and
 * builds a name only from CNAME and DNAME RDATA, so an answer without aliases costs a header read
 * and a few octets of walking: nothing at all for ANCOUNT 0, and for one record the question and
 * owner names are stepped over octet by octet. The authority and additional sections are not read:
 * a client follows the aliases in the answer section only (RFC 1034 §4.3.2 step 3a).
 *
 * <p>Why also the rewritten question name: a DNAME redirects a whole subtree (RFC 6672 §2.2), so a
 * listed ancestor of its target covers every name it leads to, and the target is checked anyway;
 * but a listed name <em>below</em> the target is reached only through the substituted name. A
 * server must add the CNAME it synthesises (RFC 6672 §3.4), whose target is checked as any CNAME's;
 * substituting the question here as well keeps an upstream that leaves it out from cloaking the
 * question's own target. A DNAME that applies to a name further down a CNAME chain is covered by
 * that synthesised CNAME only.
 *
 * <p>Stateless and thread-safe.
 */
final class AliasTargets {
  /**
   * The names of an answer that lists block, and the first alias target that did. Only built when
   * something matched.
   *
   * @param locked OR of the locked-list masks of every alias target; 0 if none is locked
   * @param blocked OR of the category masks of every alias target, limited to the given profile's
   *     blocked categories; 0 if none
   * @param target a name that caused the result: the first locked target if any is locked, else the
   *     first blocked one; non-null
   */
  record Listed(int locked, int blocked, Name target) {}

  private AliasTargets() {}

  /**
   * Matches the alias targets of {@code wire} against {@code locked} and {@code categories}.
   *
   * @param wire a DNS message as it is sent to the client; not changed
   * @param locked the locked (illegal-content) lists; non-null
   * @param categories the category lists; non-null
   * @param blockedCategories the client's profile's blocked-category mask
   * @return null if no alias target is locked or in a blocked category (including when the answer
   *     has no aliases)
   * @throws WireFormatException if the header, the question, the answer section's record headers or
   *     a CNAME or DNAME RDATA is malformed or runs past the message
   */
  static Listed match(byte[] wire, DomainSet locked, DomainSet categories, int blockedCategories)
      throws WireFormatException {
    if (wire.length < Message.HEADER_LENGTH) {
      throw new WireFormatException(
          "answer of " + wire.length + " octets is shorter than a DNS header");
    }
    int answerCount = u16(wire, 6);
    if (answerCount == 0) {
      return null;
    }
    int questionCount = u16(wire, 4);
    if (questionCount > 1) {
      throw new WireFormatException("QDCOUNT " + questionCount + " in an answer to one question");
    }
    DnsReader in = new DnsReader(wire, 0, wire.length);
    in.position(Message.HEADER_LENGTH);
    if (questionCount == 1) {
      in.skipName();
      in.skip(4); // QTYPE, QCLASS
    }
    Matches matches = null;
    for (int i = 0; i < answerCount; i++) {
      int ownerAt = in.position();
      in.skipName();
      int type = in.u16();
      in.skip(6); // CLASS, TTL
      int rdLength = in.u16();
      if (rdLength > in.remaining()) {
        throw new WireFormatException(
            "RDLENGTH "
                + rdLength
                + " of answer record "
                + (i + 1)
                + " exceeds the "
                + in.remaining()
                + " octets left");
      }
      int rdataEnd = in.position() + rdLength;
      if (type != RecordType.CNAME && type != RecordType.DNAME) {
        in.skip(rdLength);
        continue;
      }
      Name target = in.name();
      if (in.position() != rdataEnd) {
        throw new WireFormatException(
            RecordType.name(type)
                + " RDATA of answer record "
                + (i + 1)
                + " is "
                + rdLength
                + " octets but holds a name of "
                + (in.position() - (rdataEnd - rdLength)));
      }
      Name substituted =
          type == RecordType.DNAME && questionCount == 1
              ? substitute(in, ownerAt, target, rdataEnd)
              : null;
      if (matches == null) {
        matches = new Matches(locked, categories, blockedCategories);
      }
      matches.check(target);
      if (substituted != null) {
        matches.check(substituted);
      }
    }
    return matches == null ? null : matches.result();
  }

  /**
   * The question name with the DNAME owner's suffix replaced by {@code target} (RFC 6672 §2.2), or
   * null if the DNAME does not apply to the question (the owner itself is not redirected) or the
   * result would exceed 255 octets (the server answers YXDOMAIN then: no such name). Leaves the
   * reader at {@code resumeAt}.
   */
  private static Name substitute(DnsReader in, int ownerAt, Name target, int resumeAt)
      throws WireFormatException {
    in.position(ownerAt);
    Name owner = in.name();
    in.position(Message.HEADER_LENGTH);
    Name question = in.name();
    in.position(resumeAt);
    if (question.labelCount() <= owner.labelCount() || !question.isSubdomainOf(owner)) {
      return null;
    }
    int prefixLength = question.wireLength() - owner.wireLength();
    int length = prefixLength + target.wireLength();
    if (length > Name.MAX_WIRE_LENGTH) {
      return null;
    }
    byte[] substituted = new byte[length];
    System.arraycopy(question.wireBytes(), 0, substituted, 0, prefixLength);
    System.arraycopy(target.wireBytes(), 0, substituted, prefixLength, target.wireLength());
    return new DnsReader(substituted, 0, length).name();
  }

  /** Accumulates the matches of one answer's alias targets; made at its first alias. */
  private static final class Matches {
    private final DomainSet locked;
    private final DomainSet categories;
    private final int blockedCategories;
    private int lockedMask;
    private int blockedMask;
    private Name lockedTarget;
    private Name blockedTarget;

    Matches(DomainSet locked, DomainSet categories, int blockedCategories) {
      this.locked = locked;
      this.categories = categories;
      this.blockedCategories = blockedCategories;
    }

    void check(Name name) {
      int lockedHere = locked.match(name);
      // A profile that blocks no category (staff) never needs the category lookup.
      int blockedHere = blockedCategories == 0 ? 0 : categories.match(name) & blockedCategories;
      if (lockedHere != 0 && lockedTarget == null) {
        lockedTarget = name;
      }
      if (blockedHere != 0 && blockedTarget == null) {
        blockedTarget = name;
      }
      lockedMask |= lockedHere;
      blockedMask |= blockedHere;
    }

    Listed result() {
      if (lockedMask == 0 && blockedMask == 0) {
        return null;
      }
      return new Listed(
          lockedMask, blockedMask, lockedTarget != null ? lockedTarget : blockedTarget);
    }
  }

  private static int u16(byte[] wire, int offset) {
    return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
  }
}
