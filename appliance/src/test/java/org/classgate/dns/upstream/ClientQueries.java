package org.classgate.dns.upstream;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Client queries built by dnsjava (an independent encoder), parsed as the guard stage would. */
final class ClientQueries {
  /** The terminal stage must never pass a query on. */
  static final DnsStage.Next NO_NEXT =
      query -> {
        throw new AssertionError("the upstream stage called next for " + query.question());
      };

  private ClientQueries() {}

  /**
   * A client query with RD set.
   *
   * @param ednsPayload the OPT record's payload size, or 0 for a client without EDNS
   */
  static DnsQuery query(
      int id, String name, int type, int ednsPayload, boolean dnssecOk, boolean cd)
      throws Exception {
    Message message = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    message.getHeader().setID(id);
    if (cd) {
      message.getHeader().setFlag(Flags.CD);
    }
    if (ednsPayload > 0) {
      message.addRecord(
          new OPTRecord(ednsPayload, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    byte[] raw = message.toWire();
    DnsQuery query =
        new DnsQuery(raw, InetAddress.getLoopbackAddress(), Transport.UDP, System.nanoTime());
    query.parsed(org.classgate.dns.wire.Message.parse(raw));
    return query;
  }

  static DnsQuery plain(int id, String name, int type) throws Exception {
    return query(id, name, type, 0, false, false);
  }

  static Answer await(CompletableFuture<Answer> answer) throws Exception {
    return answer.get(10, TimeUnit.SECONDS);
  }
}
