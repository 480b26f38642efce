package org.classgate.dns.cache;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.DnsWriter;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;

/** Builds queries and upstream answers with the project's wire classes, for the cache's tests. */
final class CacheFixtures {
  static final long SECOND = 1_000_000_000L;

  /** A client that sent EDNS with DO clear and one with DO set. */
  static final Edns EDNS = new Edns(4096, 0, 0, false, new byte[0]);

  static final Edns EDNS_DO = new Edns(4096, 0, 0, true, new byte[0]);

  private CacheFixtures() {}

  /** A fake monotonic clock that tests step; starts far from zero to catch arithmetic slips. */
  static final class FakeClock {
    private final AtomicLong nanos = new AtomicLong(123_456_789_000L);

    long nanoTime() {
      return nanos.get();
    }

    void advance(long deltaNanos) {
      nanos.addAndGet(deltaNanos);
    }
  }

  /**
   * The rest of the chain as the cache sees it: answers with whatever the current responder builds
   * and counts the calls. Thread-safe.
   */
  static final class ScriptedNext implements DnsStage.Next {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Responder responder;

    ScriptedNext(Responder responder) {
      this.responder = responder;
    }

    void respondWith(Responder newResponder) {
      responder = newResponder;
    }

    int calls() {
      return calls.get();
    }

    @Override
    public CompletableFuture<Answer> resolve(DnsQuery query) {
      calls.incrementAndGet();
      try {
        return responder.respond(query);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        // Only the fixtures' own record building throws checked exceptions: a broken test.
        throw new IllegalStateException("test responder failed", e);
      }
    }
  }

  /** Builds the chain's answer to one query; may throw while building records. */
  @FunctionalInterface
  interface Responder {
    CompletableFuture<Answer> respond(DnsQuery query) throws Exception;
  }

  /** A parsed query as the guard stage leaves it. */
  static DnsQuery query(int id, String name, int type, int flags, Edns edns) throws Exception {
    Question question = new Question(Name.of(name), type, RecordType.CLASS_IN);
    byte[] raw = new Message(id, flags, question, List.of(), List.of(), List.of(), edns).toWire();
    DnsQuery query = new DnsQuery(raw, InetAddress.getLoopbackAddress(), Transport.UDP, 0);
    query.parsed(Message.parse(raw));
    return query;
  }

  static DnsQuery query(int id, String name, int type) throws Exception {
    return query(id, name, type, Flags.RD, null);
  }

  /** An upstream response to {@code query}: its ID and question, our OPT if it sent EDNS. */
  static Message response(
      DnsQuery query,
      int rcode,
      List<ResourceRecord> answers,
      List<ResourceRecord> authority,
      List<ResourceRecord> additional) {
    Message asked = query.message();
    Edns edns = asked.edns() == null ? null : Edns.ours(asked.edns().dnssecOk());
    int flags = Flags.QR | Flags.RA | (asked.flags() & (Flags.RD | Flags.CD)) | rcode;
    return new Message(asked.id(), flags, asked.question(), answers, authority, additional, edns);
  }

  static byte[] wire(Message message) {
    try {
      return message.toWire();
    } catch (WireFormatException e) {
      throw new AssertionError(e);
    }
  }

  static CompletableFuture<Answer> allowed(Message response) {
    return CompletableFuture.completedFuture(Answer.of(wire(response), Outcome.ALLOWED));
  }

  static ResourceRecord a(String name, long ttl, int... address) throws Exception {
    byte[] rdata = new byte[4];
    for (int i = 0; i < 4; i++) {
      rdata[i] = (byte) address[i];
    }
    return new ResourceRecord(Name.of(name), RecordType.A, RecordType.CLASS_IN, ttl, rdata);
  }

  static ResourceRecord cname(String name, long ttl, String target) throws Exception {
    return new ResourceRecord(
        Name.of(name), RecordType.CNAME, RecordType.CLASS_IN, ttl, Name.of(target).wireBytes());
  }

  /** A TXT record whose one character-string is {@code length} copies of 'x'. */
  static ResourceRecord txt(String name, long ttl, int length) throws Exception {
    byte[] rdata = new byte[length + 1];
    rdata[0] = (byte) length;
    for (int i = 1; i <= length; i++) {
      rdata[i] = 'x';
    }
    return new ResourceRecord(Name.of(name), RecordType.TXT, RecordType.CLASS_IN, ttl, rdata);
  }

  /** An SOA record for {@code zone} with the given record TTL and MINIMUM field. */
  static ResourceRecord soa(String zone, long ttl, long minimum) throws Exception {
    DnsWriter rdata = new DnsWriter();
    rdata.uncompressedName(Name.of("ns1." + zone)).uncompressedName(Name.of("hostmaster." + zone));
    rdata.u32(2024010101L).u32(7200).u32(3600).u32(1209600).u32(minimum);
    return new ResourceRecord(
        Name.of(zone), RecordType.SOA, RecordType.CLASS_IN, ttl, rdata.toByteArray());
  }

  /** TTLs of every record of every section (not OPT) in order, read by our parser. */
  static List<Long> ttls(byte[] wire) throws Exception {
    Message message = Message.parse(wire);
    List<Long> out = new ArrayList<>();
    for (List<ResourceRecord> section :
        List.of(message.answers(), message.authority(), message.additional())) {
      for (ResourceRecord record : section) {
        out.add(record.ttl());
      }
    }
    return out;
  }

  /** The same TTLs read by dnsjava, an independent parser. */
  static List<Long> dnsjavaTtls(byte[] wire) throws Exception {
    org.xbill.DNS.Message message = new org.xbill.DNS.Message(wire);
    List<Long> out = new ArrayList<>();
    for (int section :
        new int[] {
          org.xbill.DNS.Section.ANSWER,
          org.xbill.DNS.Section.AUTHORITY,
          org.xbill.DNS.Section.ADDITIONAL
        }) {
      for (org.xbill.DNS.Record record : message.getSection(section)) {
        if (record.getType() != org.xbill.DNS.Type.OPT) {
          out.add(record.getTTL());
        }
      }
    }
    return out;
  }
}
