package org.classgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsIT {
  @Test
  void returnsAPortThatBothUdpAndTcpCanBind() throws Exception {
    int port = FreePorts.udpAndTcp();
    InetAddress loopback = InetAddress.getLoopbackAddress();

    try (ServerSocket tcp = new ServerSocket();
        DatagramSocket udp = new DatagramSocket(null)) {
      tcp.bind(new InetSocketAddress(loopback, port));
      udp.bind(new InetSocketAddress(loopback, port));

      assertEquals(port, tcp.getLocalPort());
      assertEquals(port, udp.getLocalPort());
    }
  }

  @Test
  void doesNotReturnAPortThatIsInUse() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket held = new ServerSocket(0, 50, loopback)) {
      for (int i = 0; i < 20; i++) {
        assertNotEquals(held.getLocalPort(), FreePorts.udpAndTcp());
      }
    }
  }
}
