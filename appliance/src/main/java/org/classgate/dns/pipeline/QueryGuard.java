package org.classgate.dns.pipeline;

import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Parses the query and stops everything that is not a plain, well-formed question: later stages may
 * rely on {@link DnsQuery#message()} having exactly one question. Nothing a client sends can crash
 * the server: every parse error becomes FORMERR or silence.
 */
public final class QueryGuard implements DnsStage {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    byte[] raw = query.raw();
    if (raw.length < Message.HEADER_LENGTH) {
      return done(Answer.silent(Outcome.DROPPED));
    }
    if ((raw[2] & 0x80) != 0) {
      // A response sent to our listener: answering it could start a loop between two servers.
      return done(Answer.silent(Outcome.DROPPED));
    }
    Message message;
    try {
      message = Message.parse(raw);
    } catch (WireFormatException e) {
      LOG.debug("malformed query from {}: {}", query.client().getHostAddress(), e.getMessage());
      return done(Answer.of(Responses.errorFromHeader(raw, Rcode.FORMERR), Outcome.FORMERR));
    }
    query.parsed(message);
    if (message.opcode() != Flags.OPCODE_QUERY) {
      return done(Answer.of(Responses.error(message, Rcode.NOTIMP), Outcome.NOT_IMPLEMENTED));
    }
    if (message.question() == null || !message.answers().isEmpty()) {
      // RFC 1035 §4.1.2: a standard query asks exactly one question and answers nothing.
      return done(Answer.of(Responses.error(message, Rcode.FORMERR), Outcome.FORMERR));
    }
    if (message.edns() != null && message.edns().version() > 0) {
      // RFC 6891 §6.1.3: we speak EDNS version 0 only.
      return done(Answer.of(Responses.error(message, Rcode.BADVERS), Outcome.FORMERR));
    }
    int type = message.question().type();
    if (type == RecordType.AXFR || type == RecordType.IXFR) {
      return done(Answer.of(Responses.error(message, Rcode.NOTIMP), Outcome.NOT_IMPLEMENTED));
    }
    if (type == RecordType.ANY) {
      return done(Answer.of(Responses.minimalAny(message), Outcome.MINIMAL_ANY));
    }
    return next.resolve(query);
  }

  private static CompletableFuture<Answer> done(Answer answer) {
    return CompletableFuture.completedFuture(answer);
  }
}
