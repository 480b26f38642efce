package org.classgate.console;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the staff console is served. Immutable.
 *
 * @param listen the console's address; non-null (port 0: a free port, for tests)
 * @param tls the TLS 1.3 server context, or null for plain HTTP (dev mode, loopback only: the
 *     configuration refuses anything else)
 * @param redirect a plain-HTTP address whose every request is redirected to the HTTPS console, or
 *     null for none; only with {@code tls}
 * @param names the box's names and addresses, as in its certificate, for the redirect's target;
 *     non-empty when {@code redirect} is given
 * @param gate who may reach the console at all; non-null
 */
public record ConsoleEndpoint(
    InetSocketAddress listen,
    SSLContext tls,
    InetSocketAddress redirect,
    List<String> names,
    ClientGate gate) {
  public ConsoleEndpoint {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(gate, "gate");
    names = List.copyOf(names);
    if (redirect != null && (tls == null || names.isEmpty())) {
      throw new IllegalArgumentException("an HTTP redirect needs TLS and the box's names");
    }
  }

  /** Plain HTTP on {@code listen}, no redirect. */
  public static ConsoleEndpoint plain(InetSocketAddress listen, ClientGate gate) {
    return new ConsoleEndpoint(listen, null, null, List.of(), gate);
  }

  public boolean https() {
    return tls != null;
  }
}
