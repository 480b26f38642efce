package org.classgate.dns.upstream;

import org.classgate.dns.wire.Message;

/**
 * How one exchange with one upstream ended: an accepted response, or a failure saying why.
 * Immutable; exactly one of {@code response} and {@code failure} is non-null.
 *
 * @param rttNanos from sending the query to accepting the response (0 on failure)
 */
record ExchangeResult(Message response, long rttNanos, Failure failure, String detail) {
  /** Why an exchange produced no usable response. */
  enum Failure {
    /** No acceptable response before the deadline. */
    TIMEOUT,
    /** ICMP port/host unreachable on UDP, or the TCP connection was refused. */
    UNREACHABLE,
    /** The socket failed mid-exchange or the upstream closed the TCP connection early. */
    IO_ERROR,
    /** A TCP response that does not answer our query (wrong ID, question …). */
    BAD_RESPONSE,
    /** Our side could not open or bind a socket: not the upstream's fault. */
    LOCAL
  }

  static ExchangeResult answered(Message response, long rttNanos) {
    return new ExchangeResult(response, rttNanos, null, null);
  }

  static ExchangeResult failed(Failure failure, String detail) {
    return new ExchangeResult(null, 0, failure, detail);
  }

  boolean isAnswered() {
    return response != null;
  }
}
