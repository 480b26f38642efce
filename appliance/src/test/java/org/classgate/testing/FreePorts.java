package org.classgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/**
 * Finds loopback ports for servers a test starts. A DNS server listens on UDP and TCP with the same
 * number (RFC 1035 section 4.2), so a port is only returned when both protocols can bind it.
 *
 * <p>The port is released before it is returned: another process could take it in between, which on
 * a test machine is rare enough to accept. Thread-safe (stateless).
 */
public final class FreePorts {
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /**
   * Returns a port on 127.0.0.1 that was free for both UDP and TCP a moment ago.
   *
   * @throws UncheckedIOException if no such port was found in {@value #ATTEMPTS} attempts
   */
  public static int udpAndTcp() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        // No SO_REUSEADDR: a port in TIME_WAIT would bind here and then fail for the server.
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(loopback, 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(null)) {
          udp.setReuseAddress(false);
          udp.bind(new InetSocketAddress(loopback, port));
          return port;
        } catch (SocketException udpTaken) {
          last = udpTaken;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException(
        "no loopback port free for both UDP and TCP after " + ATTEMPTS + " attempts", last);
  }
}
