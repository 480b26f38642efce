package org.classgate.dns.upstream;

import java.net.InetSocketAddress;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.WireFormatException;

/**
 * Decides whether a received message is the answer to the query we sent. An off-path attacker
 * racing the real upstream (Kaminsky 2008; DNSpooq, CVE-2020-25684..6) must guess the source port
 * and the ID and echo the question; RFC 5452 §3 lists these conditions. Every check is applied, so
 * one guessed value is never enough. Stateless and thread-safe.
 */
final class ResponseMatcher {
  /** Why a received message was not accepted as the answer. */
  enum Rejection {
    /** Not sent from exactly the upstream's address and port. */
    WRONG_SOURCE,
    /** Shorter than a DNS header. */
    TOO_SHORT,
    /** The QR bit is clear: a query, not a response. */
    NOT_A_RESPONSE,
    /** The ID differs from the one we sent. */
    WRONG_ID,
    /** Breaks the wire format. */
    MALFORMED,
    /** Missing question, or a name, type or class other than the one asked. */
    WRONG_QUESTION
  }

  /**
   * The result of a check: exactly one of {@code response} and {@code rejection} is non-null.
   *
   * @param response the parsed answer if accepted
   * @param rejection the first rule the message broke otherwise
   */
  record Verdict(Message response, Rejection rejection) {
    boolean accepted() {
      return response != null;
    }
  }

  private ResponseMatcher() {}

  /**
   * Checks {@code data} received from {@code source} against the query with {@code id} and {@code
   * question} sent to {@code upstream}. Cheap header checks come before parsing, so garbage is
   * rejected without work. Names compare ignoring ASCII case (RFC 4343): the upstream may answer in
   * a different case than asked.
   */
  static Verdict check(
      byte[] data,
      InetSocketAddress source,
      InetSocketAddress upstream,
      int id,
      Question question) {
    if (!upstream.equals(source)) {
      return rejected(Rejection.WRONG_SOURCE);
    }
    if (data.length < Message.HEADER_LENGTH) {
      return rejected(Rejection.TOO_SHORT);
    }
    int flags = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    if (!Flags.isSet(flags, Flags.QR)) {
      return rejected(Rejection.NOT_A_RESPONSE);
    }
    int receivedId = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
    if (receivedId != id) {
      return rejected(Rejection.WRONG_ID);
    }
    Message response;
    try {
      response = Message.parse(data);
    } catch (WireFormatException e) {
      return rejected(Rejection.MALFORMED);
    }
    Question answered = response.question();
    if (answered == null
        || answered.type() != question.type()
        || answered.dnsClass() != question.dnsClass()
        || !answered.name().equals(question.name())) {
      return rejected(Rejection.WRONG_QUESTION);
    }
    return new Verdict(response, null);
  }

  private static Verdict rejected(Rejection rejection) {
    return new Verdict(null, rejection);
  }
}
