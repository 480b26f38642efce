package org.classgate.dns.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.classgate.dns.wire.DnsReader;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Decides whether an upstream answer may be cached and, if so, turns it into a {@link
 * CachedAnswer}: TTLs clamped, AA cleared, OPT options dropped, TTL offsets found. Stateless apart
 * from the settings; thread-safe.
 */
final class CacheAdmission {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** SOA RDATA ends with five 32-bit counters; MINIMUM is the last (RFC 1035 §3.3.13). */
  private static final int SOA_COUNTERS_LENGTH = 20;

  /** RFC 2181 §8: a TTL with the most significant bit set is to be treated as zero. */
  private static final long MAX_TTL = 0x7FFF_FFFFL;

  private final CacheSettings settings;

  CacheAdmission(CacheSettings settings) {
    this.settings = settings;
  }

  /**
   * The entry to store for {@code answerWire}, or null when it must not be cached: unparseable, not
   * a response to {@code query}'s question, truncated, an rcode other than NOERROR or NXDOMAIN, a
   * negative answer without an SOA, or a lifetime of zero seconds.
   */
  CachedAnswer admit(Message query, byte[] answerWire, long nowNanos) {
    Message answer;
    try {
      answer = Message.parse(answerWire);
    } catch (WireFormatException e) {
      LOG.debug("not caching an unparseable answer for {}: {}", query.question(), e.getMessage());
      return null;
    }
    if (!answer.isResponse()
        || answer.opcode() != Flags.OPCODE_QUERY
        // A truncated answer is incomplete (RFC 2181 §9): the client retries over TCP.
        || answer.isTruncated()
        || !sameQuestion(query.question(), answer.question())) {
      return null;
    }
    long ttl;
    boolean negative;
    int rcode = answer.rcode();
    if (rcode == Rcode.NOERROR && !answer.answers().isEmpty()) {
      ttl = positiveTtl(answer);
      negative = false;
    } else if (rcode == Rcode.NXDOMAIN || rcode == Rcode.NOERROR) {
      ttl = negativeTtl(answer);
      negative = true;
    } else {
      return null;
    }
    // RFC 1035 §3.2.1: a zero TTL means "use for this transaction only".
    if (ttl <= 0) {
      return null;
    }
    try {
      Message stored = rewrite(answer, negative, ttl);
      byte[] wire = stored.toWire();
      return new CachedAnswer(
          wire,
          ttlOffsets(wire),
          answer.question().name().wireLength(),
          nowNanos,
          ttl,
          settings.maxStaleSeconds());
    } catch (WireFormatException e) {
      // Names in RDATA come back uncompressed, so a near-64 KiB answer can outgrow the format.
      LOG.debug("not caching the answer for {}: {}", query.question(), e.getMessage());
      return null;
    }
  }

  private static boolean sameQuestion(Question asked, Question answered) {
    return answered != null
        && answered.type() == asked.type()
        && answered.dnsClass() == asked.dnsClass()
        && answered.name().equals(asked.name());
  }

  /** The record's TTL as stored for a positive answer: clamped to [minTtl, maxTtl]. */
  private long clamped(ResourceRecord record) {
    long ttl = record.ttl() > MAX_TTL ? 0 : record.ttl();
    return Math.min(settings.maxTtlSeconds(), Math.max(settings.minTtlSeconds(), ttl));
  }

  /** A positive answer lives as long as its shortest-lived record. */
  private long positiveTtl(Message answer) {
    long ttl = Long.MAX_VALUE;
    for (List<ResourceRecord> section : sections(answer)) {
      for (ResourceRecord record : section) {
        ttl = Math.min(ttl, clamped(record));
      }
    }
    return ttl;
  }

  /**
   * RFC 2308 §5: a negative answer is cached for min(SOA TTL, SOA MINIMUM), here also capped by the
   * configured maximum. Without an SOA in the authority section it is not cached at all.
   */
  private long negativeTtl(Message answer) {
    for (ResourceRecord record : answer.authority()) {
      if (record.type() != RecordType.SOA) {
        continue;
      }
      byte[] rdata = record.rdata();
      if (rdata.length < SOA_COUNTERS_LENGTH + 2) {
        return 0;
      }
      int at = rdata.length - 4;
      long minimum =
          ((long) (rdata[at] & 0xFF) << 24)
              | ((rdata[at + 1] & 0xFF) << 16)
              | ((rdata[at + 2] & 0xFF) << 8)
              | (rdata[at + 3] & 0xFF);
      long soaTtl = record.ttl() > MAX_TTL ? 0 : record.ttl();
      return Math.min(Math.min(soaTtl, minimum), settings.maxNegativeTtlSeconds());
    }
    return 0;
  }

  /**
   * The message as stored. Record TTLs are clamped (and for a negative answer capped at its
   * lifetime, so the SOA's TTL counts down to the end of negative caching as RFC 2308 §5 asks). AA
   * is cleared: cached data is not authoritative (RFC 1035 §6.2). OPT options are dropped because
   * they belong to one exchange (cookies, RFC 7873; padding, RFC 7830) and must not reach another
   * client.
   */
  private Message rewrite(Message answer, boolean negative, long ttl) {
    Edns edns = answer.edns();
    Edns storedEdns =
        edns == null
            ? null
            : new Edns(
                edns.udpPayloadSize(),
                edns.extendedRcode(),
                edns.version(),
                edns.dnssecOk(),
                new byte[0]);
    return new Message(
        answer.id(),
        answer.flags() & ~Flags.AA,
        answer.question(),
        withTtls(answer.answers(), negative, ttl),
        withTtls(answer.authority(), negative, ttl),
        withTtls(answer.additional(), negative, ttl),
        storedEdns);
  }

  private List<ResourceRecord> withTtls(List<ResourceRecord> records, boolean negative, long ttl) {
    List<ResourceRecord> out = new ArrayList<>(records.size());
    for (ResourceRecord record : records) {
      long recordTtl = negative ? Math.min(clamped(record), ttl) : clamped(record);
      out.add(
          new ResourceRecord(
              record.name(), record.type(), record.dnsClass(), recordTtl, record.rdata()));
    }
    return out;
  }

  private static List<List<ResourceRecord>> sections(Message message) {
    return List.of(message.answers(), message.authority(), message.additional());
  }

  /** Offsets of the TTL field of every record in {@code wire} except the OPT record. */
  static int[] ttlOffsets(byte[] wire) throws WireFormatException {
    DnsReader in = new DnsReader(wire, 0, wire.length);
    in.skip(4);
    int questions = in.u16();
    int records = in.u16() + in.u16() + in.u16();
    for (int i = 0; i < questions; i++) {
      in.name();
      in.skip(4);
    }
    int[] offsets = new int[records];
    int count = 0;
    for (int i = 0; i < records; i++) {
      in.name();
      int type = in.u16();
      in.skip(2);
      if (type != RecordType.OPT) {
        offsets[count++] = in.position();
      }
      in.skip(4);
      in.skip(in.u16());
    }
    return Arrays.copyOf(offsets, count);
  }
}
